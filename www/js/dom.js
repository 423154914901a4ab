// DOM helpers shared by every renderer. Report content only ever goes in as text
// (textContent, attribute values), never as HTML.

/** `el('td', { class, text, dataset, …attributes }, …children)`; false/null props are skipped. */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k in e && typeof v !== 'string') e[k] = v;
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);
  return e;
}

/** The identity of a table cell (`applications:granted:total`): `data-cell` of its <td>. */
export function cellKey(ref) {
  return `${ref.table}:${ref.row}:${ref.col}`;
}

/** Offer `blob` as a download named `name`. */
export function saveFile(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 2000);
}
