/**
 * SVG to PNG in a worker thread, one job at a time, with a bounded queue: the request thread
 * only posts the SVG and waits. When the queue is full the caller is told at once (RasterBusy,
 * answered 503 with Retry-After) rather than piling work up behind it.
 */
import 'server-only';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

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
  private worker: Worker | null = null;
  private queue: Job[] = [];
  private running: Job | null = null;
  private nextId = 1;

  render(svg: string, width: number): Promise<Uint8Array> {
    if (this.queue.length + (this.running ? 1 : 0) >= MAX_QUEUED) return Promise.reject(new RasterBusy());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, svg, width, resolve, reject });
      this.pump();
    });
  }

  private start(): Worker {
    const root = /*turbopackIgnore: true*/ process.cwd();
    const fonts = path.join(root, 'public', 'generated', 'fonts');
    const worker = new Worker(path.join(root, 'lib', 'still', 'png-worker.mjs'), {
      workerData: { fontFiles: [path.join(fonts, 'noto-sans-latin-400.ttf'), path.join(fonts, 'noto-sans-latin-ext-400.ttf')] },
    });
    worker.unref();
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
      this.worker = null;
      const job = this.running;
      this.running = null;
      job?.reject(err);
      this.pump();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`the still-image worker exited (${code})`));
    });
    return worker;
  }

  private pump(): void {
    if (this.running) return;
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    this.worker ??= this.start();
    this.worker.postMessage({ id: job.id, svg: job.svg, width: job.width });
  }
}

// one per process (Next bundles each route apart)
const KEY = Symbol.for('conflict-map.rasteriser');
type Holder = { [KEY]?: Rasteriser };

export function svgToPng(svg: string, width: number): Promise<Uint8Array> {
  const g = globalThis as Holder;
  g[KEY] ??= new Rasteriser();
  return g[KEY].render(svg, width);
}
