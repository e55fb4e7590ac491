import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  MAX_TEXT_LENGTH,
  lint,
  parseDeployment,
  parseVersion,
  type Finding,
  type LintOptions,
} from './engine';
import { NO_INLINING } from './heap';

/**
 * `authelia-lint`: the engine on the command line, for CI. Prints findings as text or JSON and
 * exits 1 when any finding is an error, 2 on a usage or file problem, 0 otherwise.
 */

const USAGE =
  'usage: authelia-lint [--format text|json] [--deployment ha|single] ' +
  '[--authelia-version 4.37|4.38|4.39] FILE...';

/** A usage or file problem: one line on stderr and exit code 2. */
class CliProblem extends Error {}

interface FileReport {
  path: string;
  findings: Finding[];
  document: TextDocument;
  checked: boolean;
}

function main(argv: string[]): number {
  const { format, options, paths } = parseCommandLine(argv);

  const reports: FileReport[] = [];
  let fileProblem = false;
  for (const path of paths) {
    try {
      reports.push(lintFile(path, options));
    } catch (error) {
      if (!(error instanceof CliProblem)) throw error;
      process.stderr.write(`authelia-lint: ${error.message}\n`);
      fileProblem = true;
    }
  }

  for (const report of reports) {
    if (!report.checked) {
      process.stderr.write(
        `authelia-lint: ${report.path}: not an Authelia configuration, skipped\n`,
      );
    }
  }
  process.stdout.write(format === 'json' ? toJson(reports) : toText(reports));

  if (fileProblem) return 2;
  const anyError = reports.some((report) => report.findings.some((f) => f.severity === 'error'));
  return anyError ? 1 : 0;
}

function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', default: 'text' },
        deployment: { type: 'string' },
        'authelia-version': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new CliProblem(`${(error as Error).message.split('\n')[0]} (see --help)`);
  }

  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new CliProblem(`--format must be text or json, not '${values.format}'`);
  }

  const options: LintOptions = {};
  if (values.deployment !== undefined) {
    options.deployment = parseDeployment(values.deployment);
    if (!options.deployment) throw new CliProblem(`--deployment must be ha or single`);
  }
  if (values['authelia-version'] !== undefined) {
    options.version = parseVersion(values['authelia-version']);
    if (!options.version) throw new CliProblem(`--authelia-version must be 4.37, 4.38 or 4.39`);
  }
  if (positionals.length === 0) throw new CliProblem('no file given (see --help)');

  return { format: values.format, options, paths: positionals };
}

/** Reads and lints one file; refuses directories, binary files and huge files. */
function lintFile(path: string, options: LintOptions): FileReport {
  let bytes: Buffer;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new CliProblem(`${path}: is a directory, not a file`);
    if (stats.size > MAX_TEXT_LENGTH) throw new CliProblem(`${path}: file is too large to check`);
    bytes = readFileSync(path);
  } catch (error) {
    if (error instanceof CliProblem) throw error;
    throw new CliProblem(
      `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  if (bytes.includes(0)) throw new CliProblem(`${path}: binary file, not YAML`);

  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const result = lint(text, { ...options, path });
  const document = TextDocument.create(path, 'yaml', 0, text);
  return { path, findings: result.findings, document, checked: result.checked };
}

function toText(reports: FileReport[]): string {
  const lines: string[] = [];
  for (const { path, findings, document } of reports) {
    for (const finding of findings) {
      const { line, character } = document.positionAt(finding.start);
      const where = `${path}:${line + 1}:${character + 1}`;
      lines.push(`${where}: ${finding.severity}: ${finding.message} [${finding.ruleId}]`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function toJson(reports: FileReport[]): string {
  const files = reports.map(({ path, findings, document }) => ({
    path,
    diagnostics: findings.map((finding) => ({
      code: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    })),
  }));
  return `${JSON.stringify({ files }, null, 2)}\n`;
}

// The CLI checks each file once, in unoptimised code mostly: see NO_INLINING.
setFlagsFromString(NO_INLINING);

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof CliProblem) {
    process.stderr.write(`authelia-lint: ${error.message}\n`);
  } else {
    process.stderr.write(`authelia-lint: internal error: ${(error as Error).message}\n`);
  }
  process.exitCode = 2;
}
