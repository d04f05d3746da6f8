/** How the sandbox holds tickets and activities: complete records, unlike the wire's optional fields. */
import type {
  CustomFieldValue, Priority, Resolution, TicketTag, User,
} from '../ticketing/types.js';

export interface StoredTicket {
  id: string;
  number: number;
  title: string;
  description?: string;
  /**
   * The default workflow: one of the page's status names (the live wire says `In Progress` for
   * `Started`). A custom workflow (`workflowId`): the id of one of its states.
   */
  status: string;
  /** A custom workflow's id; absent for the default workflow. */
  workflowId?: string;
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
  /** Stored statuses, as the ticket's `status`. */
  status?: string;
  previousStatus?: string;
  resolution?: Resolution;
}
