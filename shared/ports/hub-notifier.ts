/**
 * Tells WebSub hubs that topics (feed URLs) changed. Implementations never
 * throw: a hub that is down must not fail or undo a publish.
 */
export type HubNotifier = (topicUrls: string[]) => Promise<void>;
