/**
 * Still images are drawn (SVG) and rasterised (PNG) in a child process of lower priority
 * (nice 10), one job at a time, with a bounded queue: the server reads the view's data, posts it
 * and waits, and when both cores are busy the operating system serves the API first. When the
 * queue is full the caller is told at once (RasterBusy, answered 503 with Retry-After) rather
 * than piling work up behind it; `rasterBusy()` lets a caller refuse before reading any data.
 */
import 'server-only';
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StaticMapInput } from './draw';
import type { StillDoneMessage, StillJobMessage } from './worker';

export class RasterBusy extends Error {
  constructor() {
    super('the still-image renderer is busy');
    this.name = 'RasterBusy';
  }
}

/** Jobs waiting or running, at most; beyond that, RasterBusy. */
export const MAX_QUEUED = 4;

interface Job extends StillJobMessage {
  resolve: (done: { svg: string; png: Uint8Array | null }) => void;
  reject: (err: Error) => void;
}

/**
 * The fonts a still image is drawn with (written by scripts/prepare-assets.ts): Noto Sans, and
 * Noto Sans Arabic whole (its Latin letters and punctuation too), since resvg lays out a line in
 * one font and an Arabic line may hold a "/" or a name in Latin letters.
 */
export function stillFontFiles(root: string): string[] {
  const fonts = path.join(root, 'public', 'generated', 'fonts');
  return ['noto-sans-latin-400', 'noto-sans-latin-ext-400', 'noto-sans-arabic-full-400'].map((f) => path.join(fonts, `${f}.ttf`));
}

class StillWorker {
  private worker: ChildProcess | null = null;
  private queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;

  busy(): boolean {
    return this.queue.length + (this.running ? 1 : 0) >= MAX_QUEUED;
  }

  draw(input: Omit<StaticMapInput, 'geography'>, png: boolean): Promise<{ svg: string; png: Uint8Array | null }> {
    if (this.busy()) return Promise.reject(new RasterBusy());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, png, resolve, reject });
      this.pump();
    });
  }

  private start(): ChildProcess {
    const root = /*turbopackIgnore: true*/ process.cwd();
    // built by scripts/build-still.ts (npm run build)
    const script = path.join(root, 'build', 'still', 'worker.mjs');
    if (!fs.existsSync(/* turbopackIgnore: true */ script)) throw new Error(`${script} is missing: run npm run build`);
    const worker = fork(/* turbopackIgnore: true */ script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        STILL_FONTS: JSON.stringify(stillFontFiles(root)),
      },
    });
    if (worker.pid) {
      try {
        os.setPriority(worker.pid, 10);
      } catch {
        // not permitted here: it runs at the server's priority
      }
    }
    worker.unref();
    worker.channel?.unref();
    worker.on('message', (msg: StillDoneMessage) => {
      const job = this.running;
      if (!job || job.id !== msg.id) return;
      this.running = null;
      if (msg.svg !== undefined) job.resolve({ svg: msg.svg, png: msg.png ? new Uint8Array(msg.png) : null });
      else job.reject(new Error(`still image could not be drawn: ${msg.error}`));
      this.pump();
    });
    // a worker that dies fails its job and is replaced on the next one
    const fail = (err: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const job = this.running;
      this.running = null;
      job?.reject(err);
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the still-image worker exited (${code})`)));
    return worker;
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    try {
      this.worker ??= this.start();
    } catch (err) {
      this.running = null;
      job.reject(err instanceof Error ? err : new Error(String(err)));
      this.pump();
      return;
    }
    const { resolve: _resolve, reject: _reject, ...message } = job;
    this.worker.send(message satisfies StillJobMessage);
  }
}

// one per process (Next bundles each route apart)
const KEY = Symbol.for('conflict-map.still-worker');
type Holder = { [KEY]?: StillWorker };

function stillWorker(): StillWorker {
  const g = globalThis as Holder;
  g[KEY] ??= new StillWorker();
  return g[KEY];
}

/** A still image drawn in the worker from its data: the SVG, and the PNG when asked for. */
export function drawStill(input: Omit<StaticMapInput, 'geography'>, { png }: { png: boolean }) {
  return stillWorker().draw(input, png);
}

/** Whether a new still image would be refused now (the queue is full). */
export function rasterBusy(): boolean {
  return stillWorker().busy();
}
