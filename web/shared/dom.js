// Safe rendering: every piece of data (chat text, names, titles) reaches the page as text, never as HTML.

/** Creates an element with optional class, text and attributes; text is always set with textContent. */
export function el(tag, { className, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter(child => child !== null && child !== undefined));
  return node;
}

/** Sets an element's text (found by id) and returns it. */
export function setText(id, value) {
  const node = document.getElementById(id);
  node.textContent = value === undefined || value === null ? '' : String(value);
  return node;
}
