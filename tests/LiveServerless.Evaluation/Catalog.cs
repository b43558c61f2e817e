namespace LiveServerless.Evaluation;

/// <summary>The content vocabulary of the synthetic platform: categories, each with five tags, and how popular each category is.</summary>
public static class Catalog
{
    public static readonly (string Category, double Popularity, string[] Tags)[] Categories =
    [
        ("music", 1.0, ["jazz", "rock", "kpop", "piano", "hiphop"]),
        ("gaming", 1.2, ["fps", "moba", "minecraft", "speedrun", "rpg"]),
        ("talk", 0.8, ["podcast", "news", "dating", "comedy", "asmr"]),
        ("sports", 0.6, ["football", "basketball", "tennis", "running", "esports"]),
        ("art", 0.5, ["drawing", "painting", "anime", "crafts", "photography"]),
        ("cooking", 0.5, ["baking", "vegan", "bbq", "streetfood", "asian"]),
        ("fitness", 0.4, ["yoga", "hiit", "dance", "boxing", "meditation"]),
        ("education", 0.4, ["coding", "math", "language", "science", "history"]),
    ];

    public static readonly string[] AllTags = [.. Categories.SelectMany(c => c.Tags)];
}
