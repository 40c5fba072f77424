// Package seed holds the referentials of Passerelles as JSON (Pix, e-CF, roles, career
// paths, organisations, communities) and a deterministic generator of demo data. Both go
// through the domain services, so the same validation applies to them as to people.
package seed

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"

	"passerelles"
)

//go:embed referentials/*.json
var referentialFS embed.FS

type frameworkFile struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
	Levels      []struct {
		Value       int    `json:"value"`
		Code        string `json:"code"`
		Label       string `json:"label"`
		Description string `json:"description"`
	} `json:"levels"`
	Domains []struct {
		Code string `json:"code"`
		Name string `json:"name"`
	} `json:"domains"`
	Skills []struct {
		Code        string `json:"code"`
		Domain      string `json:"domain"`
		Name        string `json:"name"`
		NameEn      string `json:"nameEn"`
		Description string `json:"description"`
		Levels      []int  `json:"levels"`
	} `json:"skills"`
}

type skillRef struct {
	Framework string `json:"framework"`
	Skill     string `json:"skill"`
}

type roleFile struct {
	Code           string  `json:"code"`
	Title          string  `json:"title"`
	Family         string  `json:"family"`
	RomeCode       *string `json:"romeCode"`
	Description    string  `json:"description"`
	RequiredSkills []struct {
		skillRef
		Level  int `json:"level"`
		Weight int `json:"weight"`
	} `json:"requiredSkills"`
}

type transitionFile struct {
	From                  string `json:"from"`
	To                    string `json:"to"`
	Kind                  string `json:"kind"`
	TypicalDurationMonths int    `json:"typicalDurationMonths"`
	Description           string `json:"description"`
	Helps                 string `json:"helps"`
}

type organisationsFile struct {
	Regions    []passerelles.Region   `json:"regions"`
	Ministries []passerelles.Ministry `json:"ministries"`
	Grades     []passerelles.Grade    `json:"grades"`
	Orgs       []struct {
		Code     string `json:"code"`
		Name     string `json:"name"`
		Type     string `json:"type"`
		Ministry string `json:"ministry"`
		Region   string `json:"region"`
	} `json:"organisations"`
}

type communityFile struct {
	Code        string     `json:"code"`
	Name        string     `json:"name"`
	Description string     `json:"description"`
	Skills      []skillRef `json:"skills"`
}

func readJSON(name string, v any) error {
	b, err := referentialFS.ReadFile("referentials/" + name)
	if err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("seed: %s: %w", name, err)
	}
	return nil
}

// Report says what a load did.
type Report struct {
	Items   int // referential items read
	Changed int // items created or changed
}

// LoadReferentials creates or updates every referential item from the embedded JSON, as
// the application itself (system context). Loading the same files twice changes nothing.
func LoadReferentials(ctx context.Context, svc passerelles.Services) (Report, error) {
	ctx = passerelles.NewSystemContext(ctx)
	var rep Report
	count := func(changed bool, err error) error {
		rep.Items++
		if changed {
			rep.Changed++
		}
		return err
	}

	var orgs organisationsFile
	if err := readJSON("organisations.json", &orgs); err != nil {
		return rep, err
	}
	for i := range orgs.Regions {
		if err := count(svc.Organisations.UpsertRegion(ctx, &orgs.Regions[i])); err != nil {
			return rep, fmt.Errorf("seed: region %s: %w", orgs.Regions[i].Code, err)
		}
	}
	for i := range orgs.Ministries {
		if err := count(svc.Organisations.UpsertMinistry(ctx, &orgs.Ministries[i])); err != nil {
			return rep, fmt.Errorf("seed: ministry %s: %w", orgs.Ministries[i].Code, err)
		}
	}
	for i := range orgs.Grades {
		g := &orgs.Grades[i]
		g.Position = i + 1
		if err := count(svc.Organisations.UpsertGrade(ctx, g)); err != nil {
			return rep, fmt.Errorf("seed: grade %s: %w", g.Code, err)
		}
	}
	for _, o := range orgs.Orgs {
		org := &passerelles.Organisation{Code: o.Code, Name: o.Name, Type: passerelles.OrganisationType(o.Type)}
		if err := count(svc.Organisations.UpsertOrganisation(ctx, org, o.Ministry, o.Region)); err != nil {
			return rep, fmt.Errorf("seed: organisation %s: %w", o.Code, err)
		}
	}

	var frameworks []frameworkFile
	if err := readJSON("frameworks.json", &frameworks); err != nil {
		return rep, err
	}
	for _, ff := range frameworks {
		f := &passerelles.Framework{Code: ff.Code, Name: ff.Name, Description: ff.Description}
		for _, l := range ff.Levels {
			f.Levels = append(f.Levels, passerelles.Level{Value: l.Value, Code: l.Code, Label: l.Label, Description: l.Description})
		}
		for i, d := range ff.Domains {
			f.Domains = append(f.Domains, passerelles.Domain{Code: d.Code, Name: d.Name, Position: i + 1})
		}
		if err := count(svc.Frameworks.UpsertFramework(ctx, f)); err != nil {
			return rep, fmt.Errorf("seed: framework %s: %w", ff.Code, err)
		}
		positions := map[string]int{}
		for _, sf := range ff.Skills {
			positions[sf.Domain]++
			s := &passerelles.Skill{Code: sf.Code, Name: sf.Name, NameEn: sf.NameEn, Description: sf.Description,
				DefinedLevels: sf.Levels, Position: positions[sf.Domain]}
			if err := count(svc.Skills.UpsertSkill(ctx, ff.Code, sf.Domain, s)); err != nil {
				return rep, fmt.Errorf("seed: skill %s %s: %w", ff.Code, sf.Code, err)
			}
		}
	}

	skillID := func(ref skillRef) (int64, error) {
		s, err := svc.Skills.FindSkillByCode(ctx, ref.Framework, ref.Skill)
		if err != nil {
			return 0, err
		}
		return s.ID, nil
	}

	var roles []roleFile
	if err := readJSON("roles.json", &roles); err != nil {
		return rep, err
	}
	roleIDs := map[string]int64{}
	for _, rf := range roles {
		r := &passerelles.Role{Code: rf.Code, Title: rf.Title, Family: passerelles.RoleFamily(rf.Family), Description: rf.Description}
		if rf.RomeCode != nil {
			r.RomeCode = *rf.RomeCode
		}
		for _, rs := range rf.RequiredSkills {
			id, err := skillID(rs.skillRef)
			if err != nil {
				return rep, fmt.Errorf("seed: role %s: %w", rf.Code, err)
			}
			r.RequiredSkills = append(r.RequiredSkills, passerelles.RequiredSkill{SkillID: id, Level: rs.Level, Weight: rs.Weight})
		}
		if err := count(svc.Roles.UpsertRole(ctx, r)); err != nil {
			return rep, fmt.Errorf("seed: role %s: %w", rf.Code, err)
		}
		roleIDs[r.Code] = r.ID
	}

	var transitions []transitionFile
	if err := readJSON("transitions.json", &transitions); err != nil {
		return rep, err
	}
	for _, tf := range transitions {
		t := &passerelles.Transition{FromRoleID: roleIDs[tf.From], ToRoleID: roleIDs[tf.To], Kind: passerelles.TransitionKind(tf.Kind),
			TypicalDurationMonths: tf.TypicalDurationMonths, Description: tf.Description, Helps: tf.Helps}
		if err := count(svc.Transitions.UpsertTransition(ctx, t)); err != nil {
			return rep, fmt.Errorf("seed: transition %s → %s: %w", tf.From, tf.To, err)
		}
	}

	var communities []communityFile
	if err := readJSON("communities.json", &communities); err != nil {
		return rep, err
	}
	for _, cf := range communities {
		c := &passerelles.Community{Code: cf.Code, Name: cf.Name, Description: cf.Description}
		for _, ref := range cf.Skills {
			id, err := skillID(ref)
			if err != nil {
				return rep, fmt.Errorf("seed: community %s: %w", cf.Code, err)
			}
			c.SkillIDs = append(c.SkillIDs, id)
		}
		// Communities are kept by administrators once they exist (createCommunity,
		// updateCommunity, archiveCommunity): the file only creates the missing ones, so
		// that a restart does not undo an administrator's edit.
		if _, err := svc.Communities.FindCommunityByCode(ctx, cf.Code); err == nil {
			rep.Items++
			continue
		} else if passerelles.ErrorCode(err) != passerelles.ENOTFOUND {
			return rep, fmt.Errorf("seed: community %s: %w", cf.Code, err)
		}
		if err := count(svc.Communities.UpsertCommunity(ctx, c)); err != nil {
			return rep, fmt.Errorf("seed: community %s: %w", cf.Code, err)
		}
	}
	return rep, nil
}
