/** How the sandbox holds tickets and activities: complete records, unlike the wire's optional fields. */
import type {
  CustomFieldValue, Priority, Resolution, Status, TicketTag, User,
} from '../ticketing/types.js';

export interface StoredTicket {
  id: string;
  number: number;
  title: string;
  description?: string;
  status: Status;
  priority: Priority;
  requestor: User;
  assignee?: User;
  customFields: Record<string, CustomFieldValue>;
  /** YYYY-MM-DD. */
  expectedDate?: string;
  resolution?: Resolution;
  firstResponseOn?: string;
  firstResolutionOn?: string;
  lastResolutionOn?: string;
  createdOn: string;
  lastUpdatedOn: string;
  tags: TicketTag[];
  isFrtEscalated: boolean;
  isRtEscalated: boolean;
  createdBy: User;
  lastUpdatedBy: User;
  lastResolutionComment?: string;
}

export interface StoredActivity {
  id: string;
  /** The ticket's UUID. */
  ticketId: string;
  type: 'comment' | 'status';
  comment?: string;
  isPrivate: boolean;
  createdDateTime: string;
  createdBy: User;
  status?: Status;
  previousStatus?: Status;
  resolution?: Resolution;
}
