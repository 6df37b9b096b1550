// Sizes of the targets on the page (tests/e2e/test_phone_layout.py): every visible link, button,
// summary and control smaller than 24 x 24 px that is not inside a sentence, every primary
// action (.button, the menu button) lower than 44 px, and how far the page scrolls sideways.
// A link inside a sentence is an inline link in a block whose own line text, leaving out the
// block-level parts, is longer than the link: WCAG 2.2, 2.5.8 exempts it.
() => {
    const sel = 'a[href], button, summary, input[type=submit], input[type=button], select, [role=button]';
    const small = [], primary = [];
    const visible = (el) => {
        const r = el.getBoundingClientRect();
        const st = getComputedStyle(el);
        return r.width > 1 && r.height > 1 && st.visibility !== 'hidden' && r.bottom + window.scrollY > 0;
    };
    const isInline = (node) => node.nodeType === Node.TEXT_NODE || getComputedStyle(node).display.startsWith('inline');
    // The text on the lines of a block: its text and inline children, not its blocks.
    const flowText = (block) => {
        let text = '';
        const walk = (node) => {
            for (const child of node.childNodes) {
                if (child.nodeType === Node.TEXT_NODE) text += child.textContent;
                else if (child.nodeType === Node.ELEMENT_NODE && isInline(child)) walk(child);
            }
        };
        walk(block);
        return text.replace(/\s+/g, ' ').trim();
    };
    const inSentence = (el) => {
        if (getComputedStyle(el).display !== 'inline') return false;
        let block = el.parentElement;
        while (block && isInline(block)) block = block.parentElement;
        return flowText(block).length > el.textContent.replace(/\s+/g, ' ').trim().length + 2;
    };
    for (const el of document.querySelectorAll(sel)) {
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        const name = (el.textContent || el.value || '').replace(/\s+/g, ' ').trim().slice(0, 40);
        const item = {name, cls: el.className, w: Math.round(r.width * 10) / 10, h: Math.round(r.height * 10) / 10};
        if (el.matches('.button, .site-menu__toggle')) { if (r.height < 44) primary.push(item); continue; }
        if ((r.width < 24 || r.height < 24) && !inSentence(el)) small.push(item);
    }
    return {small, primary, overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}
