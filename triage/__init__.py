"""Triage of trust-mailbox appeals: urgency, suggested category and the phrases behind them.

The public API is in :mod:`triage.engine` (``classify``, ``highlight``, ``TriageResult``). This
package imports nothing from Django at module level, so the engine can run without settings.
"""
