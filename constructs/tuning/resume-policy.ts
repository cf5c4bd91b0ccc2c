/**
 * What happens to the experiment's suggestion service when the experiment ends, and so whether
 * the experiment can be resumed by raising `maxTrialCount` (`spec.resumePolicy`).
 */
export enum ResumePolicy {
  /** The suggestion is deleted; the experiment cannot be resumed. Katib's default. */
  NEVER = 'Never',
  /** The suggestion keeps running, holding its resources, so the experiment can be resumed. */
  LONG_RUNNING = 'LongRunning',
  /**
   * The suggestion is deleted but its state is kept on a volume, from which it resumes. Katib
   * creates a PersistentVolume per experiment and refuses a new experiment of the same name
   * until the old one's volume is deleted. Population-based training needs it: its trials
   * share checkpoints on the suggestion's volume.
   */
  FROM_VOLUME = 'FromVolume',
}
