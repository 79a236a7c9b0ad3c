"""Qualification results as CRM import files (Salesforce Data Loader / Bulk API 2.0, HubSpot import)."""
