/** Entry point of a `gongkai serve --workers N` worker process (forked by server.ts startCluster). */
import { runClusterWorker } from './server.ts';

await runClusterWorker();
