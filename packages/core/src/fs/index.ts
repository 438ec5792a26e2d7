export { produceFileAtomic, temporarySibling, writeFileAtomic } from './atomic-write.js';
