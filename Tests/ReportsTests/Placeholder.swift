// Report tests arrive with issue 6.
