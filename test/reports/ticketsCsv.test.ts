import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { ticketsCsv } from '../../src/reports/ticketsCsv.js';
import type { CustomField, Ticket } from '../../src/ticketing/types.js';

const FIELDS: CustomField[] = [
  { id: 'f-site', type: 'itempicker', label: 'Site', options: [{ id: 'o1', text: 'Zürich' }, { id: 'o2', text: 'Paris, 8e' }] },
  { id: 'f-vip', type: 'toggle', label: 'VIP' },
  { id: 'f-seen', type: 'peoplepicker', label: 'Seen by' },
  { id: 'f-due', type: 'datepicker', label: 'Contract end' },
  { id: 'f-note', type: 'textarea', label: 'Note "internal"' },
];

const TICKETS: Ticket[] = [
  {
    id: 'b', number: 12, title: 'Line one\nline "two", end', status: 'In Progress', priority: 'Urgent',
    requestor: { id: 'r', name: 'Zoë Côté', email: 'zoe@contoso.com' },
    tags: [{ text: 'vpn' }, { text: 'réseau' }],
    customFields: {
      'f-site': ['o1', 'o2'], 'f-vip': true,
      'f-seen': [{ id: 'p1', name: 'Lee Gu', email: 'lee@contoso.com' }, { id: 'p2', name: 'Megan Bowen', email: 'megan@contoso.com' }],
      'f-due': '2027-01-31', 'f-note': 'a\r\nb',
    },
    createdOn: '2026-11-05T08:00:00.000Z', firstResponseOn: '2026-11-05T10:00:00Z', lastUpdatedOn: '2026-11-05T10:00:00+01:00',
    expectedDate: '2026-11-20', isFrtEscalated: true, isRtEscalated: false,
  },
  {
    id: 'a', number: 3, title: 'Printer', status: 'Resolved', priority: 'Low',
    requestor: { id: 'r2', name: 'Alex Wilber', email: 'alex@contoso.com' }, assignee: { id: 'a1', name: 'Adele Vance', email: 'adele@contoso.com' },
    customFields: { 'f-site': 'o2', 'f-vip': false },
    createdOn: '2026-11-01T09:00:00Z', firstResolutionOn: '2026-11-02T09:30:15Z', lastResolutionOn: '2026-11-02T09:30:15Z',
    lastUpdatedOn: 'not a date', resolution: 'fixed',
  },
];

describe('the tickets CSV', () => {
  it('is the exact bytes: BOM, header with custom fields by label, rows by number, RFC 4180 quoting, CRLF, ISO dates', () => {
    const expected = '\ufeff'
      + 'Number,Title,State,Priority,Requestor,Requestor email,Assignee,Assignee email,Tags,Site,VIP,Seen by,Contract end,"Note ""internal""",'
      + 'Created,First response,First resolution,Last resolution,Last updated,Expected date,Resolution,First response escalated,Resolution escalated\r\n'
      // Ticket 3 first; a lone item id reads as its option's text; a date that is not one stays empty.
      + '3,Printer,Resolved,Low,Alex Wilber,alex@contoso.com,Adele Vance,adele@contoso.com,,"Paris, 8e",false,,,,'
      + '2026-11-01T09:00:00Z,,2026-11-02T09:30:15Z,2026-11-02T09:30:15Z,,,fixed,false,false\r\n'
      // A line break, quotes and a comma in the title; several items, people and tags joined by "; "; +01:00 read into UTC.
      + '12,"Line one\nline ""two"", end",In Progress,Urgent,Zoë Côté,zoe@contoso.com,,,vpn; réseau,"Zürich; Paris, 8e",true,Lee Gu; Megan Bowen,2027-01-31,"a\r\nb",'
      + '2026-11-05T08:00:00Z,2026-11-05T10:00:00Z,,,2026-11-05T09:00:00Z,2026-11-20,,true,false\r\n';
    const bytes = ticketsCsv(TICKETS, FIELDS);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(bytes.toString('utf8'), expected);
  });

  it('reads back with an independent RFC 4180 parser into one row per ticket, accents intact', () => {
    const rows = parse(ticketsCsv(TICKETS, FIELDS), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows.length, 2);
    assert.equal(rows[1]!.Title, 'Line one\nline "two", end');
    assert.equal(rows[1]!.Requestor, 'Zoë Côté');
    assert.equal(rows[1]!.Site, 'Zürich; Paris, 8e');
    assert.equal(rows[1]!['Note "internal"'], 'a\r\nb');
    assert.equal(rows[1]!['Seen by'], 'Lee Gu; Megan Bowen');
    assert.equal(rows[0]!.Site, 'Paris, 8e');
    assert.equal(rows[0]!['First resolution'], '2026-11-02T09:30:15Z');
  });

  it('with no tickets is the header alone', () => {
    const text = ticketsCsv([], []).toString('utf8');
    assert.equal(text.split('\r\n').length, 2);
    assert.ok(text.startsWith('\ufeffNumber,Title,'));
  });

  it('makes text that a spreadsheet would run as a formula inert, and leaves other text as typed', () => {
    const typed: Ticket[] = [
      { id: 'x', number: 1, title: '=HYPERLINK("http://evil.example","Click")', requestor: { id: 'r', name: '@Lee', email: 'lee@contoso.com' }, tags: [{ text: '+vpn' }] },
      { id: 'y', number: 2, title: 'VPN - slow = bad', requestor: { id: 'r', name: 'Lee Gu', email: 'lee@contoso.com' }, resolution: '-fixed' },
    ];
    const rows = parse(ticketsCsv(typed, []).toString('utf8'), { bom: true, columns: true }) as Record<string, string>[];
    assert.equal(rows[0]!.Title, `'=HYPERLINK("http://evil.example","Click")`);
    assert.equal(rows[0]!.Requestor, `'@Lee`);
    assert.equal(rows[0]!.Tags, `'+vpn`);
    assert.equal(rows[1]!.Title, 'VPN - slow = bad');
    assert.equal(rows[1]!.Resolution, `'-fixed`);
  });
});
