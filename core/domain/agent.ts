/** A support agent's profile; the account itself is a user with role agent or lead. */
export interface AgentRecord {
  userId: number;
  displayName: string;
  active: boolean;
  createdAt: Date;
}
