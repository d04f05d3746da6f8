/**
 * Preloaded into a bot process by startup.test.ts: on SIGUSR2, a promise fails with no handler,
 * as a bug of ours would make one, so that the test can see what the running bot does with it.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('a detail only a stack would show'));
});
