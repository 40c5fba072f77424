package resolvers

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"passerelles"
)

// roleInput reads the fields of CreateRoleInput and UpdateRoleInput.
func roleInput(in map[string]any) (*passerelles.Role, error) {
	r := &passerelles.Role{RequiredSkills: []passerelles.RequiredSkill{}}
	r.Code, _ = in["code"].(string)
	r.Title, _ = in["title"].(string)
	family, _ := in["family"].(string)
	r.Family = passerelles.RoleFamily(family)
	r.Description, _ = in["description"].(string)
	r.RomeCode, _ = in["romeCode"].(string)
	list, _ := in["requiredSkills"].([]any)
	for i, v := range list {
		m, _ := v.(map[string]any)
		id, err := parseID(m["skillId"])
		if err != nil {
			return nil, passerelles.WithField(fmt.Sprintf("requiredSkills.%d.skillId", i), err)
		}
		level, _ := m["level"].(int)
		weight, ok := m["weight"].(int)
		if !ok {
			weight = 1
		}
		r.RequiredSkills = append(r.RequiredSkills, passerelles.RequiredSkill{SkillID: id, Level: level, Weight: weight})
	}
	return r, nil
}

func rolePayload(r *passerelles.Role, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"role": r}, nil
}

// CreateRole resolves Mutation.createRole.
func (r *Resolver) CreateRole(p graphql.ResolveParams) (any, error) {
	role, err := roleInput(input(p))
	if err != nil {
		return nil, err
	}
	if err := r.svc.Roles.CreateRole(p.Context, role); err != nil {
		return nil, err
	}
	return rolePayload(r.svc.Roles.FindRoleByCode(p.Context, role.Code))
}

// UpdateRole resolves Mutation.updateRole.
func (r *Resolver) UpdateRole(p graphql.ResolveParams) (any, error) {
	role, err := roleInput(input(p))
	if err != nil {
		return nil, err
	}
	return rolePayload(r.svc.Roles.UpdateRole(p.Context, role))
}

// RetireRole resolves Mutation.retireRole.
func (r *Resolver) RetireRole(p graphql.ResolveParams) (any, error) {
	code, _ := input(p)["code"].(string)
	return rolePayload(r.svc.Roles.RetireRole(p.Context, code, true))
}

// RestoreRole resolves Mutation.restoreRole.
func (r *Resolver) RestoreRole(p graphql.ResolveParams) (any, error) {
	code, _ := input(p)["code"].(string)
	return rolePayload(r.svc.Roles.RetireRole(p.Context, code, false))
}

// transitionInput reads the editable fields of CreateTransitionInput and
// UpdateTransitionInput.
func transitionInput(in map[string]any) *passerelles.Transition {
	t := &passerelles.Transition{}
	kind, _ := in["kind"].(string)
	t.Kind = passerelles.TransitionKind(kind)
	t.TypicalDurationMonths, _ = in["typicalDurationMonths"].(int)
	t.Description, _ = in["description"].(string)
	t.Helps, _ = in["helps"].(string)
	return t
}

func transitionPayload(t *passerelles.Transition, err error) (any, error) {
	if err != nil {
		return nil, err
	}
	return map[string]any{"transition": t}, nil
}

// CreateTransition resolves Mutation.createTransition.
func (r *Resolver) CreateTransition(p graphql.ResolveParams) (any, error) {
	in := input(p)
	t := transitionInput(in)
	for key, id := range map[string]*int64{"fromRoleCode": &t.FromRoleID, "toRoleCode": &t.ToRoleID} {
		code, _ := in[key].(string)
		role, err := r.svc.Roles.FindRoleByCode(p.Context, code)
		if passerelles.ErrorCode(err) == passerelles.ENOTFOUND {
			return nil, passerelles.WithField(key, passerelles.Errorf(passerelles.EINVALID, "%s", passerelles.ErrorMessage(err)))
		} else if err != nil {
			return nil, err
		}
		*id = role.ID
	}
	if err := r.svc.Transitions.CreateTransition(p.Context, t); err != nil {
		return nil, err
	}
	return transitionPayload(t, nil)
}

// UpdateTransition resolves Mutation.updateTransition.
func (r *Resolver) UpdateTransition(p graphql.ResolveParams) (any, error) {
	in := input(p)
	id, err := inputID(in, "transitionId")
	if err != nil {
		return nil, err
	}
	t := transitionInput(in)
	t.ID = id
	return transitionPayload(r.svc.Transitions.UpdateTransition(p.Context, t))
}

// RetireTransition resolves Mutation.retireTransition.
func (r *Resolver) RetireTransition(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "transitionId")
	if err != nil {
		return nil, err
	}
	return transitionPayload(r.svc.Transitions.RetireTransition(p.Context, id, true))
}

// RestoreTransition resolves Mutation.restoreTransition.
func (r *Resolver) RestoreTransition(p graphql.ResolveParams) (any, error) {
	id, err := inputID(input(p), "transitionId")
	if err != nil {
		return nil, err
	}
	return transitionPayload(r.svc.Transitions.RetireTransition(p.Context, id, false))
}
