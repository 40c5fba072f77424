-- Profiles (issue 4): erasing an agent sets NULL the validations they made on others'
-- declarations (agent_skills.validated_by, ON DELETE SET NULL). Without an index SQLite
-- scans every declaration (1.5 million at 100 000 agents) to find them; few declarations
-- are validated, so a partial index is small.
CREATE INDEX agent_skills_validated_by ON agent_skills (validated_by) WHERE validated_by IS NOT NULL;
