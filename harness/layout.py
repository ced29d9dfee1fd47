"""What a reader would see go wrong in a page's layout, measured in the browser.

``layout_problems(page)`` lists, in words, every table wider than the screen (columns a
phone hides off its edge), any part of the page that makes the whole page scroll
sideways, any text cut short to fit its box (a link ending "de précision et m…") or
spilling out of its button or link, and,
in every chart, each label (tick, annotation, legend entry, data label,
title) cut by the chart's edge or overlapping another label or a marker of another point.
An empty list is a page that reads.
"""

from __future__ import annotations

from playwright.sync_api import Page, ViewportSize

from harness.rendering import wait_until_drawn

PROBE = """
() => {
    const problems = [];
    const screen = document.documentElement.clientWidth;
    const shown = element => {
        for (let node = element; node && node.nodeType === 1; node = node.parentNode) {
            const style = getComputedStyle(node);
            if (style.display === 'none' || style.visibility === 'hidden') return false;
            if (parseFloat(style.opacity) === 0) return false;
        }
        return true;
    };
    const words = element => element.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40);
    const main = document.querySelector('[data-testid="stMain"]');
    for (const table of main.querySelectorAll('table')) {
        if (!shown(table)) continue;
        const box = table.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.right > screen + 1 || box.left < -1) {
            const heading = words(table.querySelector('th') || table);
            problems.push(`table "${heading}" is ${Math.round(box.width)} px wide`);
        }
    }
    // Anything that pushes the page sideways (a phone then pans instead of reading).
    if (document.scrollingElement.scrollWidth > screen + 1) {
        problems.push(`the page is ${document.scrollingElement.scrollWidth} px wide`);
    }
    // Text cut to fit its box: a one-line label hiding the end of its words.
    for (const element of main.querySelectorAll('p, span, a, label, button, div')) {
        if (element.closest('.js-plotly-plot')) continue;
        if (!element.textContent.trim() || !element.clientWidth || !shown(element)) continue;
        const style = getComputedStyle(element);
        const clips = style.textOverflow === 'ellipsis' || style.overflowX === 'hidden';
        if (clips && element.scrollWidth > element.clientWidth + 1) {
            problems.push(`"${words(element)}" is cut short to fit its box`);
        }
    }
    // Text spilling out of its button or link, its end past the edge of its box.
    for (const element of main.querySelectorAll('button, a')) {
        if (!element.textContent.trim() || !element.clientWidth || !shown(element)) continue;
        if (element.scrollWidth > element.clientWidth + 1) {
            problems.push(`"${words(element)}" spills out of its box`);
        }
    }
    // Two boxes overlap when they share more than a sliver in both directions.
    const SLIVER = 1.5;
    const overlap = (a, b) =>
        Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLIVER &&
        Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > SLIVER;
    for (const chart of main.querySelectorAll('[class*="st-key-chart-"]')) {
        const name = chart.className.match(/st-key-chart-([^ ]+)/)[1];
        const svgs = [...chart.querySelectorAll('.main-svg')];
        if (!svgs.length) continue;
        const frame = svgs[0].getBoundingClientRect();
        const labels = [];
        for (const svg of svgs) {
            for (const text of svg.querySelectorAll('text')) {
                if (!text.textContent.trim() || !shown(text)) continue;
                if (text.closest('.hoverlayer, .modebar')) continue;
                const box = text.getBoundingClientRect();
                if (box.width === 0 || box.height === 0) continue;
                labels.push({text, box});
            }
        }
        for (const {text, box} of labels) {
            if (box.left < frame.left - 1 || box.right > frame.right + 1 ||
                box.top < frame.top - 1 || box.bottom > frame.bottom + 1) {
                problems.push(`${name}: "${words(text)}" is cut by the chart's edge`);
            }
        }
        for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) {
                if (overlap(labels[i].box, labels[j].box)) {
                    problems.push(
                        `${name}: "${words(labels[i].text)}" overlaps "${words(labels[j].text)}"`
                    );
                }
            }
        }
        // A label over a marker that is not its own (a state's name over a city's star).
        // Only markers big enough to mark a place or a figure: a line's small dots may
        // pass under a label.
        const markers = [...chart.querySelectorAll('g.trace.scatter .points path.point')]
            .filter(marker => shown(marker) && marker.getBoundingClientRect().width >= 10);
        for (const {text, box} of labels) {
            const own = text.closest('.textpoint');
            for (const marker of markers) {
                if (own) {
                    const trace = own.closest('g.trace');
                    const index = [...own.parentNode.children].indexOf(own);
                    const points = [...trace.querySelectorAll('.points path.point')];
                    if (points[index] === marker) continue;
                }
                if (overlap(box, marker.getBoundingClientRect())) {
                    problems.push(`${name}: "${words(text)}" covers a marker`);
                }
            }
        }
    }
    return problems;
}
"""


def layout_problems(page: Page) -> list[str]:
    return page.evaluate(PROBE)


PHONE: ViewportSize = {"width": 390, "height": 844}
# Every chart drawn at the screen's width (Plotly redraws a responsive chart on a resize).
CHARTS_FIT = """width => [...document.querySelectorAll('[class*="st-key-chart-"] .main-svg')]
    .every(svg => svg.getBoundingClientRect().width <= width)"""


def open_every_table(page: Page) -> None:
    """Unfold every folded table the screen shows, as a reader who wants the numbers would
    (a long table folds on a phone, its copy for wider screens hidden there)."""
    folded = page.locator(
        '[data-testid="stMain"] [data-testid="stExpander"] details:not([open]),'
        ' [data-testid="stMain"] details.table-fold:not([open]) >> visible=true'
    )
    for _ in range(folded.count()):
        folded.first.locator("summary").click()
        wait_until_drawn(page)


def phone_problems(page: Page) -> list[str]:
    """``layout_problems`` of the page as it is, turned into a phone's screen (390 px)."""
    page.set_viewport_size(PHONE)
    page.wait_for_function(CHARTS_FIT, arg=PHONE["width"], polling=100)
    wait_until_drawn(page)
    open_every_table(page)
    return layout_problems(page)
