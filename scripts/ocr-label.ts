/**
 * `npm run ocr:label -- [--text] [--eng] <image...>`: reads fertilizer / pesticide labels from photos and
 * prints one JSON object per image, one per line: the fixtures' keys (kind and the fields of that kind, null
 * when not found) plus `confidence` (0–1 per field), `ocrConfidence` and `seconds`. The same code as the app:
 * src/lib/ocr (preprocessing, tesseract in a Node worker thread, language data from node_modules) and
 * src/lib/domain/label-parser.ts.
 *   --text  also print the OCR text
 *   --eng   load English as chi_sim's sub-language (slower, see src/lib/ocr/recognize.ts)
 * A file that is missing, empty or not an image gets {"file", "error"} on stdout and a message on stderr;
 * the exit code is then 1 (2 for a usage error).
 */
import { runOcrLabel } from './ocr-label-run';

const code = await runOcrLabel(process.argv.slice(2), {
	out: (line) => process.stdout.write(`${line}\n`),
	err: (line) => process.stderr.write(`${line}\n`)
});
process.exitCode = code;
