const adopted = new Map<string, CSSStyleSheet>();

/**
 * Adds the SDK's CSS once per document: a constructed stylesheet where supported (not subject to
 * a CSP without 'unsafe-inline'), else one <style> element with `id`.
 */
export function adoptStyle(doc: Document, id: string, css: string): void {
  const sheet = adopted.get(id);
  if (doc.getElementById(id) || (sheet && doc.adoptedStyleSheets?.includes(sheet))) return;
  try {
    const s = sheet ?? new CSSStyleSheet();
    s.replaceSync(css);
    adopted.set(id, s);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, s];
    return;
  } catch {
    // Older Safari: fall through.
  }
  const style = doc.createElement('style');
  style.id = id;
  style.textContent = css;
  doc.head.append(style);
}
