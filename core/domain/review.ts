export interface ReviewRecord {
  id: number;
  queryId: number;
  clientId: number;
  rating: number;
  comment: string | null;
  createdAt: Date;
}

export type NewReviewRow = Omit<ReviewRecord, 'id'>;
