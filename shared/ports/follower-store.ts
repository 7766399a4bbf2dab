/** A fediverse account following the actor: where to deliver, and the server's shared inbox if it has one. */
export type Follower = { actorId: string; inbox: string; sharedInbox?: string; followedAt: string };

/**
 * The actor's followers. Follow adds (a repeat overwrites), Undo and the
 * remote actor's Delete remove, a 410 from its inbox removes.
 */
export interface FollowerStore {
  add(follower: Follower): Promise<void>;
  remove(actorId: string): Promise<void>;
  /** Removes every follower whose inbox or shared inbox is this URL (a gone inbox). */
  removeByInbox(inbox: string): Promise<number>;
  list(): Promise<Follower[]>;
  count(): Promise<number>;
}

/**
 * One record per announcement, version and activity handed to the delivery
 * queue: `claim` is true the first time only, so a duplicate stream record or
 * a redelivered message sends nothing twice.
 */
export interface SentLog {
  claim(announcementId: string, activity: 'create' | 'update' | 'delete', version: number): Promise<boolean>;
  release(announcementId: string, activity: 'create' | 'update' | 'delete', version: number): Promise<void>;
  /** Whether a Create of this announcement was ever handed on (a Delete without one sends nothing). */
  created(announcementId: string): Promise<boolean>;
}

/** A reply to an announcement or a mention of the actor, as received (never published). */
export type Mention = { noteId: string; actorId: string; inReplyTo?: string; content: string; receivedAt: string };

/** Where replies and mentions wait for a moderation view. */
export interface MentionStore {
  add(mention: Mention): Promise<void>;
  list(limit: number): Promise<Mention[]>;
}
