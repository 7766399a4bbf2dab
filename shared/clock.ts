/** The time source services take as a dependency, so tests can pin it. */
export type Clock = () => Date;
