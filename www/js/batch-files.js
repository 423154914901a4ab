// The files of a batch: several picked, a folder picked (webkitdirectory), or a drop of
// files and folders (walked through webkitGetAsEntry). Small and loaded with the page, so
// the drop handler can take a drop's entries during the event; the batch view itself
// (batch.js) loads when first opened.

const hidden = (name) => name.split('/').some((p) => p.startsWith('.'));

/** Walk a FileSystemEntry: resolves to [{ file, name }] of every file under it. */
async function walk(entry) {
  if (entry.isFile) {
    const file = await new Promise((ok, fail) => entry.file(ok, fail));
    return [{ file, name: entry.fullPath.replace(/^\//, '') || file.name }];
  }
  const reader = entry.createReader();
  const children = [];
  // readEntries returns the entries in chunks (100 in Chromium) until an empty chunk.
  for (;;) {
    const chunk = await new Promise((ok, fail) => reader.readEntries(ok, fail));
    if (!chunk.length) break;
    children.push(...chunk);
  }
  const out = [];
  for (const c of children) out.push(...(await walk(c)));
  return out;
}

/**
 * The files of a drop or a pick: `source` is a DataTransfer (must be called during the
 * drop event: entries are taken synchronously), a FileList or an array of Files. Resolves
 * to [{ file, name }], hidden files (.DS_Store, …) left out, sorted by name.
 */
export function filesOf(source) {
  let pending;
  if (source?.items && typeof source.items[0]?.webkitGetAsEntry === 'function') {
    const entries = [...source.items].filter((it) => it.kind === 'file').map((it) => it.webkitGetAsEntry() ?? it.getAsFile());
    pending = Promise.all(entries.map((e) => (e instanceof File ? [{ file: e, name: e.name }] : e ? walk(e) : []))).then((l) => l.flat());
  } else {
    const files = [...(source?.files ?? source ?? [])];
    pending = Promise.resolve(files.map((file) => ({ file, name: file.webkitRelativePath || file.name })));
  }
  return pending.then((l) => l.filter((f) => !hidden(f.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
}

/** True when `source` (a drop's DataTransfer, a FileList or an array) is a batch: several files, or a folder. */
export function takesAsBatch(source) {
  if (source?.items) return source.files.length > 1 || dropHasFolder(source);
  return (source?.length ?? 0) > 1;
}

/** True when a drop holds a folder (then it is a batch even with one item). */
export function dropHasFolder(dt) {
  return [...(dt?.items ?? [])].some((it) => it.kind === 'file' && it.webkitGetAsEntry?.()?.isDirectory);
}
