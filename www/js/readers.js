// The file readers the page's first module leaves out (Word .docx and PDF: the core's
// `docx` and `pdf` features), in a second wasm module, `pkg-pdf/`, fetched only when such
// a file arrives. The one sniffing rule decides (`needs_file_reader`, in Rust). Works on
// the page and in workers: the module is found relative to this file.
import { Checked, needs_file_reader } from '../pkg/nianbao.js';

let files = null;

/** The file-reader module, loaded and initialised once. */
export function fileReaders() {
  files ??= import(new URL('../pkg-pdf/nianbao_pdf.js', import.meta.url).href).then(async (m) => {
    await m.default();
    return m;
  });
  // A failed load is not kept: the next file tries again.
  files.catch(() => (files = null));
  return files;
}

/** Does this file need the file-reader module? */
export const needsReaders = (bytes) => needs_file_reader(bytes);

/** A `Checked` for a file's bytes, from whichever module reads it (throws a Chinese message). */
export async function checkedFromBytes(bytes) {
  if (!needs_file_reader(bytes)) return Checked.from_bytes(bytes);
  let m;
  try {
    m = await fileReaders();
  } catch {
    throw new Error('读取 Word / PDF 文件的模块载入失败，请检查网络后重试。');
  }
  return m.Checked.from_bytes(bytes);
}

/** `check_bytes` of whichever module reads the file: `{ text, report }`. */
export async function checkBytes(bytes, mainCheckBytes) {
  if (!needs_file_reader(bytes)) return mainCheckBytes(bytes);
  const m = await fileReaders();
  return m.check_bytes(bytes);
}
