/**
 * `npm run ocr:label -- [--text] [--eng] <image...>`: reads fertilizer / pesticide labels from photos and
 * prints one JSON object per image, one per line: the fixtures' keys (kind and the fields of that kind, null
 * when not found) plus `confidence` (0–1 per field), `ocrConfidence`, `image` (its size, and the size it was
 * read at: a big photo is shrunk first) and `seconds`. The same code as the app: src/lib/ocr
 * (preprocessing, tesseract in a Node worker thread, language data from node_modules) and
 * src/lib/domain/label-parser.ts.
 *   --text  also print the OCR text
 *   --eng   load chi_sim+eng instead of chi_sim (the same fields on the fixtures; see src/lib/ocr/recognize.ts)
 * A file that is missing, empty or not an image, a flat picture or one without label text gets
 * {"file", "error"} on stdout and a message naming the file on stderr; the exit code is then 1 (2 for a
 * usage error).
 */
import { runOcrLabel } from './ocr-label-run';

const code = await runOcrLabel(process.argv.slice(2), {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`)
});
process.exitCode = code;
