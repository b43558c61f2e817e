// Page-wide feedback: a polite status line for things that went well, an alert for problems. A problem is always shown by
// its problem document's title (and retry time), whatever the call was.

const noticeTimers = new Map();

export function notice(text) {
  const node = document.getElementById('notice');
  node.textContent = text;
  clearTimeout(noticeTimers.get(node));
  noticeTimers.set(node, setTimeout(() => { node.textContent = ''; }, 6000));
}

/** The words for a failed call: the problem's title, plus when to retry for a 429 or what a 402 needs. */
export function describeProblem(error) {
  const title = error?.title ?? error?.message ?? 'Something went wrong.';
  if (error?.status === 429 && error.retryAfter) return `${title} Try again in ${error.retryAfter} s.`;
  if (error?.status === 402 && error.problem?.balance !== undefined) return `${title} You have ${error.problem.balance} coins; this needs ${error.problem.required}.`;
  return title;
}

/** Shows a problem in a given element (or the page's alert when none is given). */
export function showProblem(error, elementId = 'error') {
  const node = document.getElementById(elementId);
  node.textContent = describeProblem(error);
  node.hidden = false;
}

export function clearProblem(elementId = 'error') {
  const node = document.getElementById(elementId);
  node.textContent = '';
  node.hidden = true;
}

export function showView(id) {
  for (const view of document.querySelectorAll('.view')) view.hidden = view.id !== id;
}
