"""Call-recorder and CRM exports read into notes the document reader understands.

Gong and Fireflies JSON, Zoom and Teams WebVTT, Otter text, notetaker Markdown, Salesforce Task and
HubSpot note CSVs, and any CSV with named columns: each becomes records of notes text, a call date
and the CRM record ids that must travel to the output. Readers of heavy or rare formats are imported
only when such a file is read, so `qualify` of a plain note pays nothing for them.
"""
