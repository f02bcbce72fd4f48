import { ConfigError, loadConfig, type Config } from './config.ts';

/** The server configuration for a command-line script: on a wrong value, print what is wrong and exit 1. */
export function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
