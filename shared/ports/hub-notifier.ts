/** What one hub answered for one topic, after the notifier's retries. */
export type HubAnswer = { hub: string; topic: string; outcome: 'accepted' | 'refused' | 'failed'; attempts: number; detail?: string };

/**
 * Tells WebSub hubs that topics (feed URLs) changed, and says what each hub
 * answered (the delivery record shows it). Implementations never throw: a hub
 * that is down must not fail or undo a publish.
 */
export type HubNotifier = (topicUrls: string[]) => Promise<readonly HubAnswer[] | void>;
