/**
 * SVG to PNG in a child process of lower priority (nice 10), one job at a time, with a bounded
 * queue: the server only posts the SVG and waits, and when both cores are busy the operating
 * system serves the API first. When the queue is full the caller is told at once (RasterBusy,
 * answered 503 with Retry-After) rather than piling work up behind it; `rasterBusy()` lets a
 * caller refuse before it has drawn the SVG at all.
 */
import 'server-only';
import { type ChildProcess, fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { RTL_ANCHOR } from './draw';

export class RasterBusy extends Error {
  constructor() {
    super('the still-image renderer is busy');
    this.name = 'RasterBusy';
  }
}

/** Jobs waiting or running, at most; beyond that, RasterBusy. */
export const MAX_QUEUED = 4;

interface Job {
  id: number;
  svg: string;
  width: number;
  resolve: (png: Uint8Array) => void;
  reject: (err: Error) => void;
}

class Rasteriser {
  private worker: ChildProcess | null = null;
  private queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;

  busy(): boolean {
    return this.queue.length + (this.running ? 1 : 0) >= MAX_QUEUED;
  }

  render(svg: string, width: number): Promise<Uint8Array> {
    if (this.busy()) return Promise.reject(new RasterBusy());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, svg, width, resolve, reject });
      this.pump();
    });
  }

  private start(): ChildProcess {
    const root = /*turbopackIgnore: true*/ process.cwd();
    const fonts = path.join(root, 'public', 'generated', 'fonts');
    const script = path.join(root, 'lib', 'still', 'png-worker.mjs');
    const worker = fork(/* turbopackIgnore: true */ script, [], {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: {
        ...process.env,
        STILL_FONTS: JSON.stringify(
          ['noto-sans-latin-400', 'noto-sans-latin-ext-400', 'noto-sans-arabic-400'].map((f) => path.join(fonts, `${f}.ttf`)),
        ),
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
    worker.on('message', (msg: { id: number; png?: Uint8Array; error?: string }) => {
      const job = this.running;
      if (!job || job.id !== msg.id) return;
      this.running = null;
      if (msg.png) job.resolve(new Uint8Array(msg.png));
      else job.reject(new Error(`still image could not be rasterised: ${msg.error}`));
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
    this.worker ??= this.start();
    this.worker.send({ id: job.id, svg: job.svg, width: job.width });
  }
}

// one per process (Next bundles each route apart)
const KEY = Symbol.for('conflict-map.rasteriser');
type Holder = { [KEY]?: Rasteriser };

function rasteriser(): Rasteriser {
  const g = globalThis as Holder;
  g[KEY] ??= new Rasteriser();
  return g[KEY];
}

export function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  return rasteriser().render(forResvg(svg), width);
}

/**
 * Our SVG as resvg must be given it. In a right-to-left line, SVG's `text-anchor="start"` is the
 * right end, as browsers draw it (lib/still/draw RTL_ANCHOR); resvg anchors by the physical end
 * whatever the direction, so for it the same lines say "end" (checked both ways by tests: the
 * title of an Arabic still ends at the right edge in Chromium and in the PNG).
 */
export function forResvg(svg: string): string {
  return svg.replaceAll(RTL_ANCHOR, 'text-anchor="end" direction="rtl"');
}

/** Whether a new PNG would be refused now (the queue is full). */
export function rasterBusy(): boolean {
  return rasteriser().busy();
}
