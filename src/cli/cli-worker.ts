/**
 * A worker thread of `replay --jobs N`: replays its share of the log's
 * offices (it reads the log itself and keeps their lines) and posts the
 * result back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { replayPartition, type PartitionSpec } from './offices.js';

if (parentPort === null) throw new Error('internal: cli-worker runs only as a worker thread');
parentPort.postMessage(await replayPartition(workerData as PartitionSpec));
