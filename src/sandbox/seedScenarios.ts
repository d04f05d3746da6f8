/**
 * What the seeded tickets are about: helpdesk scenarios with title and description templates.
 * `{slot}` placeholders are filled once per ticket, so a title and its description agree;
 * `titles[i]` and `details[i]` describe the same issue. `{laptop}` is "my" + `{laptopName}`.
 */
import type { Priority } from '../ticketing/types.js';
import type { CategoryName, SystemKey } from './seedInstance.js';

export interface Scenario {
  /** A problem to fix, or a request to fulfil: it decides which extra lines a description gets. */
  kind: 'problem' | 'request';
  category: CategoryName;
  /** A tag of the "Product" category, when one fits. */
  product?: string;
  systems: SystemKey[];
  titles: string[];
  details: string[];
  /** What the agent wrote when resolving. */
  fixes: string[];
  /** Steps to reproduce, for the "Steps to reproduce" field. */
  steps?: string[];
  /** Asset tag prefix, for hardware. */
  asset?: string;
  priorities?: readonly (readonly [Priority, number])[];
}

export const DEFAULT_PRIORITIES: readonly (readonly [Priority, number])[] = [
  ['Low', 25], ['Medium', 45], ['Important', 20], ['Urgent', 10],
];

export const SLOTS: Record<string, readonly string[]> = {
  printer: ['the HP LaserJet on floor 3', 'the Ricoh copier in the mail room', 'PRN-SEA-04', 'the colour printer next to reception', 'PRN-LON-01'],
  laptopName: ['Surface Laptop 5', 'ThinkPad X1 Carbon', 'Dell Latitude 7440', 'MacBook Pro'],
  site: ['Seattle HQ', 'Redmond', 'London', 'Munich'],
  room: ['Rainier', 'Baker', 'Olympic', 'Cascade', 'Thames', 'Isar'],
  share: ['\\\\fs01\\finance', '\\\\fs01\\marketing', '\\\\fs02\\projects', '\\\\fs02\\hr-confidential'],
  spsite: ['Finance Close', 'Brand Assets', 'Sales Playbook', 'HR Policies', 'Project Falcon'],
  app: ['Excel', 'Outlook', 'Word', 'PowerPoint', 'OneNote'],
  software: ['Visual Studio Code', 'Adobe Acrobat Pro', 'Tableau Desktop', 'Zoom', 'Snagit', 'Python 3.12'],
  peripheral: ['wireless headset', 'second monitor', 'ergonomic keyboard', 'USB-C dock', 'webcam'],
  newHire: ['Sara Davis', 'Tom Ryan', 'Maya Patel', 'Lucas Schmidt', 'Chloe Martin', 'Omar Haddad'],
  colleague: ['Megan Bowen', 'Isaiah Langer', 'Joni Sherman', 'Pradeep Gupta', 'Irvin Sayers', 'Debra Berger'],
  partner: ['fabrikam.com', 'northwindtraders.com', 'adatum.com', 'tailspintoys.com'],
  mailbox: ['sales-emea@contoso.com', 'invoices@contoso.com', 'events@contoso.com'],
  tcode: ['ME21N', 'FB60', 'VA01', 'MIGO'],
  report: ['Weekly Pipeline', 'Headcount', 'AP Ageing', 'Campaign ROI'],
  floor: ['2', '3', '4', '5'],
  project: ['Project Falcon', 'Q4 Launch', 'Finance Close', 'Contoso Summit'],
  dl: ['All Seattle', 'Marketing Updates', 'Sales EMEA', 'Engineering Leads'],
  file: ['the budget workbook', 'Q3 forecast.xlsx', 'the pricing model'],
  count: ['5', '8', '12', '20'],
};

export const SCENARIOS: readonly Scenario[] = [
  {
    kind: 'problem', category: 'Hardware', product: 'Printers', systems: ['print'], asset: 'PRN',
    titles: ['Cannot print to {printer}', '{printer} keeps jamming', 'Print jobs stuck in the queue for {printer}', '{printer} shows "offline"', '{printer} prints blank pages'],
    details: [
      'Nothing comes out of {printer}. The job shows as sent but stays in the queue.',
      'Every second page jams in {printer}, and the display asks to open tray 2.',
      'Print jobs to {printer} pile up in the queue and never print; cancelling them does not work either.',
      '{printer} shows as offline on my laptop although colleagues seem able to print.',
      '{printer} feeds the paper but the pages come out blank, even the test page.',
    ],
    fixes: ['Cleared the stuck jobs and restarted the print spooler on the print server.', 'Replaced the fuser unit; test pages print fine.', 'Re-added the printer with the current driver package.', 'Replaced the empty toner cartridge that reported itself as full.'],
  },
  {
    kind: 'problem', category: 'Network', product: 'VPN', systems: ['vpn'],
    titles: ['VPN disconnects every few minutes', 'Cannot connect to the VPN from home', 'GlobalProtect stuck on "Connecting"', 'VPN connected but no access to {share}', 'VPN very slow from the {site} office'],
    details: [
      'The VPN connects, then drops after two to five minutes, and Teams calls cut out with it.',
      'From home the VPN client never gets past "Connecting". It worked last week.',
      'GlobalProtect has been stuck on "Connecting" since this morning, on Wi-Fi and on my phone\'s hotspot.',
      'I am connected to the VPN but {share} says the network path was not found.',
      'Over the VPN, opening a file from {share} takes minutes.',
    ],
    fixes: ['Reset the GlobalProtect portal configuration and re-enrolled the device certificate.', 'The home router blocked UDP 4501; switched the client to SSL mode.', 'Added the missing route for the file servers to the VPN profile.'],
    steps: ['Connect to the VPN', 'Wait a few minutes', 'Open a file share or start a Teams call', 'The connection drops'],
  },
  {
    kind: 'problem', category: 'Access', product: 'Microsoft 365', systems: ['exchange'],
    titles: ['Account locked out after password change', 'Password reset for {colleague}', 'Self-service password reset does not send the code', 'MFA prompt loops on my new phone', 'Cannot sign in to {app}: "account disabled"'],
    details: [
      'I changed my password this morning and now my account is locked everywhere.',
      '{colleague} is travelling and cannot reset their password; their manager approved a reset.',
      'The self-service reset page says a code was sent, but no SMS arrives.',
      'After moving Authenticator to my new phone, every sign-in asks for MFA again and never completes.',
      '{app} says my account is disabled, although I can still open Teams.',
    ],
    fixes: ['Unlocked the account and cleared the old password cached on the phone.', 'Reset the password and shared a temporary one by phone.', 'Re-registered the MFA method and removed the old device.'],
    priorities: [['Medium', 30], ['Important', 45], ['Urgent', 25]],
  },
  {
    kind: 'problem', category: 'Hardware', product: 'Windows', systems: [], asset: 'LAP',
    titles: ['{laptopName} will not boot past the logo', '{laptopName}: battery drains in under an hour', 'Replacement charger needed for {laptopName}', 'Blue screen on {laptopName} after docking', 'Several keys not working on {laptopName}', '{laptopName} overheats and shuts down'],
    details: [
      '{laptop} stops at the manufacturer logo and restarts in a loop.',
      '{laptop} goes from full to empty in about an hour, even with only Outlook open.',
      'The charger of {laptop} stopped working; the light on the plug no longer comes on.',
      '{laptop} shows a blue screen (DRIVER_POWER_STATE_FAILURE) a few seconds after I connect the dock.',
      'On {laptop} the E, R and T keys only work when pressed hard.',
      '{laptop} gets very hot during Teams calls and switched itself off twice today.',
    ],
    fixes: ['Reimaged the laptop and restored the user profile from OneDrive.', 'Replaced the battery under warranty.', 'Issued a new charger from stock.', 'Updated the dock firmware and the graphics driver.', 'Keyboard replaced by the vendor.', 'Cleaned the fan and updated the BIOS.'],
  },
  {
    kind: 'problem', category: 'Software', product: 'Microsoft 365', systems: ['teams'],
    titles: ['Teams calls drop after a few minutes', 'Cannot join Teams meetings from the {room} room', 'Teams shows me as "Away" all day', 'Camera not detected in Teams', 'Teams notifications stopped on {laptopName}'],
    details: [
      'Teams calls drop after three or four minutes, on Wi-Fi and on cable alike.',
      'The Teams Room device in {room} shows the meeting but "Join" does nothing.',
      'My presence is stuck on "Away" even while I am typing in Teams.',
      'Teams says no camera is available, but the Camera app works.',
      'I no longer get any Teams notifications on {laptop}, so I miss chats.',
    ],
    fixes: ['Cleared the Teams cache and reinstalled the new Teams client.', 'Updated the Teams Room app and re-signed the resource account.', 'Removed a stale session from the sign-in logs; presence is back.', 'Granted the camera permission that a policy update had revoked.', 'Turned Focus assist back off after a Windows update enabled it.'],
    steps: ['Start or join a Teams call', 'Talk for a few minutes', 'The call drops with "We are having trouble connecting"'],
  },
  {
    kind: 'problem', category: 'Software', product: 'Microsoft 365', systems: ['exchange'],
    titles: ['Outlook keeps asking for my password', 'Emails to {partner} bounce back', 'Shared mailbox {mailbox} missing in Outlook', 'Calendar invites arrive twice', 'Mailbox almost full', 'Emails from {partner} land in Junk'],
    details: [
      'Outlook prompts for my password every few minutes and never accepts it.',
      'Every email to {partner} bounces with "550 5.7.1 message rejected".',
      'The shared mailbox {mailbox} disappeared from my Outlook folder list.',
      'Every meeting invite arrives twice, and accepting one leaves the other open.',
      'Outlook warns that my mailbox is at 98% and I cannot send anymore.',
      'Everything from {partner} goes to Junk, including their invoices.',
    ],
    fixes: ['Removed stale credentials from Credential Manager and reset the Outlook profile.', 'The partner had blocked our new sending IP; they have allowed it.', 'Re-granted full access on the shared mailbox; it auto-mapped again.', 'Removed a duplicate delegate rule.', 'Enabled the online archive and moved old items.', 'Added the partner\'s domain to the tenant allow list.'],
    steps: ['Open Outlook', 'Wait a few minutes', 'The password prompt appears again'],
  },
  {
    kind: 'request', category: 'Access', systems: ['teams', 'sharepoint', 'exchange'],
    titles: ['New starter: {newHire} joins {department}', 'Laptop and accounts for new hire {newHire}'],
    details: [
      '{newHire} joins the {department} team. Please prepare a laptop, an account, a mailbox and access to our team in Teams.',
      'Our new hire {newHire} needs a laptop, a Microsoft 365 account and the usual {department} access.',
    ],
    fixes: ['Account created, laptop imaged and handed over on the first day.', 'Accounts and licences ready; laptop delivered to the manager.'],
    priorities: [['Medium', 60], ['Important', 40]],
  },
  {
    kind: 'request', category: 'Access', product: 'Microsoft 365', systems: ['sharepoint', 'teams'],
    titles: ['Access to the {spsite} SharePoint site', 'Need edit rights on {spsite}', 'Please create a team for {project}', 'Add {colleague} to the {project} team'],
    details: [
      'I need access to the {spsite} site for my new role.',
      'I can read {spsite} but need to edit the documents in it.',
      'We need a team for {project} with channels for planning, design and launch.',
      '{colleague} is joining {project} and needs to be added to its team and files.',
    ],
    fixes: ['Added to the site members group.', 'Granted edit rights with the owner\'s approval.', 'Created the team and added the owners.', 'Added as a member.'],
    priorities: [['Low', 45], ['Medium', 50], ['Important', 5]],
  },
  {
    kind: 'problem', category: 'Access', systems: ['sharepoint'],
    titles: ['Cannot open files in {share}', 'Access denied on {share} since the migration'],
    details: [
      'Files in {share} open as read-only, and some folders say "access denied".',
      'Since the file server migration I get "access denied" on {share}, which I use every day.',
    ],
    fixes: ['Fixed the folder permissions after the share migration.', 'Re-added the department group to the share.'],
  },
  {
    kind: 'problem', category: 'Software', product: 'SAP', systems: ['sap'],
    titles: ['SAP GUI crashes when exporting to Excel', 'SAP authorization missing for transaction {tcode}', 'SAP login loops on "password expired"', 'Slow SAP reports during month-end close', 'SAP transaction {tcode} times out'],
    details: [
      'SAP GUI closes without an error as soon as I export a list to Excel.',
      'Transaction {tcode} says "You are not authorized", which I need for my daily work.',
      'SAP asks me to change my expired password, then asks again after I change it.',
      'Reports that took a minute now take twenty during the close.',
      '{tcode} runs for ten minutes and then ends with a time-out.',
    ],
    fixes: ['Updated SAP GUI to the current patch level.', 'Role added after approval by the process owner.', 'Reset the SAP password and unlocked the user.', 'Basis team rescheduled the background jobs that competed with the reports.'],
    steps: ['Log on to SAP', 'Run the report', 'Choose List > Export > Spreadsheet', 'SAP GUI closes'],
  },
  {
    kind: 'problem', category: 'Software', product: 'Salesforce', systems: [],
    titles: ['Salesforce dashboard "{report}" not refreshing', 'Salesforce add-in missing in Outlook', 'Salesforce asks for verification on every login'],
    details: [
      'The {report} dashboard in Salesforce still shows last week\'s numbers.',
      'The Salesforce add-in disappeared from Outlook after the last update.',
      'Salesforce sends me a verification code every time I log in, several times a day.',
    ],
    fixes: ['Dashboard running user fixed; refresh works again.', 'Redeployed the add-in from the admin centre.', 'Switched the login to single sign-on.'],
  },
  {
    kind: 'problem', category: 'Hardware', systems: [], asset: 'MON',
    titles: ['Second monitor flickers on the dock', 'Docking station does not detect monitors', 'Monitor shows "no signal" after sleep'],
    details: [
      'My second screen flickers and goes black for a second every few minutes.',
      'The docking station charges the laptop but neither monitor gets a signal.',
      'After the laptop wakes from sleep the monitor stays on "no signal" until I replug the cable.',
    ],
    fixes: ['Replaced the DisplayPort cable.', 'Replaced the dock.', 'Updated the dock firmware.'],
    priorities: [['Low', 45], ['Medium', 45], ['Important', 10]],
  },
  {
    kind: 'request', category: 'Hardware', systems: [], asset: 'ACC',
    titles: ['Need a {peripheral}', 'Request: {peripheral} for home office', 'Quote for {count} new headsets'],
    details: [
      'Could I get a {peripheral}?',
      'I work from home three days a week and would need a {peripheral} there.',
      'Could you get a quote for {count} headsets for the new team?',
    ],
    fixes: ['Ordered and delivered.', 'Handed out from stock.', 'Quote sent by email.'],
    priorities: [['Low', 70], ['Medium', 30]],
  },
  {
    kind: 'problem', category: 'Network', systems: [],
    titles: ['Wi-Fi drops in the {room} meeting room', 'Very slow network on floor {floor}', 'No network on the desk ports of floor {floor}'],
    details: [
      'In {room} the Wi-Fi drops every few minutes; it is fine in the corridor.',
      'Everything on floor {floor} is slow since this morning: web pages, Teams, file shares.',
      'The network ports at the desks near the windows on floor {floor} give no connection.',
    ],
    fixes: ['Replaced the failing access point in the room.', 'A switch uplink was flapping; the network team replaced the module.', 'Re-patched the desk ports.'],
  },
  {
    kind: 'request', category: 'Software', systems: [],
    titles: ['Install {software} on my laptop', 'Licence request for {software}', 'Guest Wi-Fi access for visitors', 'Salesforce licence for {colleague}', 'Power BI Pro licence request'],
    details: [
      'Please install {software}; I need it for a project starting next week.',
      'I need a licence for {software}.',
      'We have visitors from a customer on Thursday and need guest Wi-Fi for 12 people.',
      '{colleague} moved to Sales and needs a Salesforce licence.',
      'I need a Power BI Pro licence to share reports with my team.',
    ],
    fixes: ['Installed from Company Portal.', 'Licence assigned.', 'Guest vouchers created and sent to the organiser.'],
    priorities: [['Low', 50], ['Medium', 45], ['Important', 5]],
  },
  {
    kind: 'problem', category: 'Software', systems: [],
    titles: ['{software} update fails with error 1603', '{software} crashes on start'],
    details: [
      'The update of {software} fails with error 1603 every time Company Portal retries it.',
      '{software} closes right after its splash screen since yesterday.',
    ],
    fixes: ['Removed the leftover installation and redeployed the package.', 'Reset the application settings; it starts again.'],
  },
  {
    kind: 'problem', category: 'Access', product: 'Microsoft 365', systems: ['exchange'],
    titles: ['Cannot add my work account on my new iPhone', 'Intune says my phone is not compliant', 'Lost phone: please wipe company data'],
    details: [
      'I got a new iPhone and cannot add my work account to Outlook.',
      'Intune marks my phone as not compliant, so Outlook and Teams are blocked.',
      'I lost my phone on the train this morning. Please wipe the company data.',
    ],
    fixes: ['Enrolled the phone in Intune and set up Outlook.', 'The OS was outdated; after the update the phone is compliant.', 'Company data wiped and sessions revoked.'],
  },
  {
    kind: 'problem', category: 'Software', product: 'Microsoft 365', systems: ['sharepoint'],
    titles: ['OneDrive sync stuck on "Processing changes"', 'Files disappeared from OneDrive', 'Restore a deleted folder from OneDrive'],
    details: [
      'OneDrive has shown "Processing changes" for two days and nothing syncs.',
      'A folder with client files is gone from my OneDrive, on the laptop and on the web.',
      'I deleted a project folder by mistake last week and need it back.',
    ],
    fixes: ['Reset the OneDrive client; sync completed overnight.', 'Restored the folder from the site recycle bin.', 'Restored OneDrive to the state before the deletion.'],
  },
  {
    kind: 'problem', category: 'Hardware', systems: ['teams'], asset: 'AV',
    titles: ['Projector in {room} shows no signal', 'Room display in {room} stuck on the welcome screen', 'Conference phone in {room} has no dial tone', 'No sound from the speakers in {room}'],
    details: [
      'The projector in {room} says "no signal" with any laptop and any cable.',
      'The display in {room} is stuck on the welcome screen; meetings cannot start.',
      'The conference phone in {room} has no dial tone since the office move.',
      'Remote participants cannot be heard in {room}: the ceiling speakers stay silent.',
    ],
    fixes: ['Replaced the HDMI switcher.', 'Restarted the room system and applied pending updates.', 'Re-patched the phone port.', 'Replaced the amplifier.'],
  },
  {
    kind: 'problem', category: 'Other', systems: ['exchange'],
    titles: ['Suspicious email asking for my credentials', 'Clicked a phishing link by mistake', 'Unknown MFA request at night', 'Fake invoice from "{partner}"'],
    details: [
      'I received an email "from IT" asking me to confirm my password on an external page.',
      'I clicked a link in an email that turned out to be phishing, and I may have entered my password.',
      'I got an MFA request at 2am that I did not start. I denied it.',
      'An invoice that looks like it comes from {partner} asks us to pay a new bank account.',
    ],
    fixes: ['Blocked the sender and purged the message from all mailboxes.', 'Password reset, sessions revoked, no suspicious activity found.', 'Blocked the sign-in source and reset the password.'],
    priorities: [['Important', 45], ['Urgent', 55]],
  },
  {
    kind: 'problem', category: 'Software', product: 'Microsoft 365', systems: [],
    titles: ['Excel freezes when opening {file}', 'Word crashes when inserting a table of contents', 'PowerPoint template missing the new brand fonts', '{app} add-in missing after update'],
    details: [
      'Excel stops responding when I open {file}; I have to end it from Task Manager.',
      'Word crashes every time I insert a table of contents in the annual report.',
      'The new PowerPoint template shows the wrong font on every slide.',
      'The add-in we use in {app} is gone since the last Office update.',
    ],
    fixes: ['Repaired Office and disabled a faulty add-in.', 'Repaired the document; the crash came from a corrupted style.', 'Deployed the brand fonts to all devices.', 'Redeployed the add-in.'],
    steps: ['Open the file', 'Wait for it to load', 'The application stops responding'],
  },
  {
    kind: 'request', category: 'Access', systems: ['exchange', 'teams'],
    titles: ['Leaver: disable the accounts of {colleague}', 'Forward the mailbox of a leaver to their manager', 'Add me to the {dl} distribution list', 'Create a distribution list for {project}'],
    details: [
      '{colleague} leaves at the end of the month. Please disable their accounts on their last day.',
      'A team member left last week; please forward their mailbox to me for 30 days.',
      'Please add me to {dl}; I joined the team this month.',
      'We need a distribution list for {project} with about 15 members.',
    ],
    fixes: ['Accounts disabled on the last day; mailbox converted to shared.', 'Forwarding set up for 30 days.', 'Added to the list.', 'List created; the requestor owns it.'],
    priorities: [['Low', 50], ['Medium', 45], ['Important', 5]],
  },
  {
    kind: 'problem', category: 'Software', systems: ['sharepoint'],
    titles: ['Power BI report "{report}" shows stale data', 'Power BI report "{report}" fails to load'],
    details: [
      'The {report} report has not refreshed since Monday.',
      'The {report} report shows "Something went wrong" instead of the visuals.',
    ],
    fixes: ['Renewed the gateway credentials; refresh works.', 'Fixed the dataset permissions.'],
  },
  {
    kind: 'request', category: 'Other', systems: [],
    titles: ['Question about the IT equipment policy', 'Move my desk phone to floor {floor}', 'Recycle old laptops from the {site} office'],
    details: [
      'Am I allowed to take my monitor home for hybrid work?',
      'I moved desks to floor {floor}; please move my desk phone extension.',
      'We have about ten old laptops in a cupboard in {site}. Can IT collect and wipe them?',
    ],
    fixes: ['Answered: yes, with the equipment form signed.', 'Extension moved.', 'Collected and wiped; certificates of destruction filed.'],
    priorities: [['Low', 70], ['Medium', 30]],
  },
];

/** Lines that make some descriptions longer, as people write them, by kind of ticket. */
export const EXTRA_LINES: Record<Scenario['kind'], readonly string[]> = {
  problem: [
    'It started after the update on Monday.',
    'I have already restarted twice.',
    'This is blocking the month-end close.',
    'Two colleagues next to me have the same problem.',
    'I am working from home this week.',
    'The error message says "Something went wrong. Try again later."',
    'It worked fine until yesterday afternoon.',
    'Happy to do a screen share if that helps.',
    'I have a customer presentation at 2pm, so the sooner the better.',
  ],
  request: [
    'My manager has approved this.',
    'No rush: next week is fine.',
    'Cost centre 4410.',
    'Happy to fill in a form if one is needed.',
    'Please let me know if you need anything else from me.',
    'I am out of office on Friday, so Thursday at the latest would be great.',
  ],
};

export const AGENT_FIRST_REPLIES: readonly string[] = [
  'Thanks for reporting this. I am looking into it now.',
  'Could you send a screenshot of the error?',
  'I can see the issue on our side too; working on it.',
  'Are you in the office today? I can come by your desk.',
  'I have escalated this to the network team.',
];

export const REQUESTOR_REPLIES: readonly string[] = [
  'Screenshot sent by email.',
  'It happened again this morning at 9:15.',
  'Yes, I am at my desk until 4pm.',
  'Thanks for the quick reply!',
  'Any news on this? It is still blocking me.',
];

export const PRIVATE_NOTES: readonly string[] = [
  'Internal: same root cause as last week, check the change log.',
  'Internal: waiting for the vendor RMA number.',
  'Internal: user is VIP, keep their manager informed.',
];

export const REOPEN_COMMENTS: readonly string[] = [
  'It is happening again, sorry.',
  'The fix did not last: same problem today.',
  'Still not working on my side.',
];
