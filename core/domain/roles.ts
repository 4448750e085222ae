export const ROLES = ['client', 'agent', 'lead'] as const;
export type Role = (typeof ROLES)[number];

export function isStaff(role: Role): boolean {
  return role === 'agent' || role === 'lead';
}
