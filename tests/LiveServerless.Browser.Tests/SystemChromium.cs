using Microsoft.Playwright;

namespace LiveServerless.Browser.Tests;

/// <summary>The machine's own Chromium or Chrome, headless (Playwright's browser download is not used; .ci/run installs Debian's).</summary>
public static class SystemChromium
{
    /// <summary>Where a system Chromium or Chrome usually lives.</summary>
    private static readonly string[] Paths =
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        @"C:\Program Files\Google\Chrome\Application\chrome.exe",
    ];

    /// <summary>Fails the test with how to install one when none is found.</summary>
    public static string RequirePath()
    {
        var path = Paths.FirstOrDefault(File.Exists);
        Assert.True(path is not null, "The browser tests need Chromium or Chrome (on Debian/Ubuntu: sudo apt-get install chromium; .ci/run installs it).");
        return path;
    }

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string path) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = path,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
}
