-- The organisation the identity provider asserts for an agent (from organization_label at
-- sign-in), which the agent cannot change: "hide my profile from an organisation" is
-- enforced against it, never against the organisation people declare themselves.
ALTER TABLE agents ADD COLUMN asserted_organisation_id INTEGER REFERENCES organisations (id);
