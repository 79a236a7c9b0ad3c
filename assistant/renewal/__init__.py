"""The renewal and upsell plan: facts, health, timeline, expansion, people, negotiation, advice."""
