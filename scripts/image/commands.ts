// Running the tools the image check needs (buildah, mmdebstrap, npm) and saying clearly what failed.
import { spawn } from 'node:child_process';

/** A step of the image check failed; the message says which and shows the end of its output. */
export class ImageCheckError extends Error {
  override name = 'ImageCheckError';
}

export interface RunOptions {
  /** Print the command's output as it comes (the build's steps), besides keeping it. */
  show?: boolean;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

/** Runs `file args`, resolves with its standard output; throws an ImageCheckError with the output's tail when it fails. */
export function run(file: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    const keep = (chunk: Buffer, isStdout: boolean) => {
      const text = chunk.toString();
      if (isStdout) stdout += text;
      output = (output + text).slice(-20_000);
      if (options.show) process.stdout.write(text);
    };
    child.stdout.on('data', (chunk: Buffer) => keep(chunk, true));
    child.stderr.on('data', (chunk: Buffer) => keep(chunk, false));
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), options.timeoutMs) : undefined;
    child.on('error', (error) => {
      clearTimeout(timer);
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      reject(new ImageCheckError(missing ? `${file} is not installed (Debian package: ${file})` : `${file} did not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) return resolve(stdout);
      const how = signal ? `was stopped by ${signal}${timer && signal === 'SIGKILL' ? ` after ${seconds(options.timeoutMs ?? 0)}` : ''}` : `exited with ${code}`;
      reject(new ImageCheckError(`${file} ${args.join(' ')} ${how}${tail(output)}`));
    });
  });
}

/** The last lines of a command's output, indented, for an error message. */
export function tail(output: string, lines = 30): string {
  const last = output.trimEnd().split('\n').slice(-lines);
  return last.length > 0 && last[0] !== '' ? `\n${last.map((line) => `    | ${line}`).join('\n')}` : '';
}

/** 1234 -> "1.2 s". */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
