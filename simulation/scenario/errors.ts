/** A scenario pack that cannot be used as it is. The message names the file and the problem. */
export class ScenarioError extends Error {
  readonly file: string;

  constructor(file: string, problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'ScenarioError';
    this.file = file;
  }
}
