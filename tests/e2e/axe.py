"""axe-core in the page (tests/e2e/vendor/axe-core, never served): the rules of WCAG 2.1 A and AA.

It is evaluated through the browser's debugging protocol, which the page's Content Security
Policy does not govern: the page itself still runs no inline script.
"""

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
RUN = """async () => {
  const result = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]});
  const where = v => v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ");
  return result.violations.map(v => `${v.id} (${v.impact}): ${where(v)}`);
}"""


def violations(page) -> list[str]:
    """Return axe's violations on the page as it is now, one line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;undefined")
    return page.evaluate(RUN)
