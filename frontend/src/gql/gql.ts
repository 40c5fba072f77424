/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query RecommendedEvents {\n    me {\n      id\n      recommendedEvents(first: 5) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.RecommendedEventsDocument,
    "\n  fragment CommunitySummary on Community {\n    id\n    code\n    name\n    description\n    memberCount\n    viewerRole\n    archivedAt\n    skills {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n    }\n  }\n": typeof types.CommunitySummaryFragmentDoc,
    "\n  query Communities($includeArchived: Boolean!) {\n    communities(first: 100, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...CommunitySummary\n        }\n      }\n    }\n  }\n": typeof types.CommunitiesDocument,
    "\n  query Community($code: String!) {\n    community(code: $code) {\n      ...CommunitySummary\n      animators {\n        agentId\n        givenName\n        usualName\n        profile {\n          id\n        }\n      }\n      upcoming: events(when: UPCOMING, first: 20) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n      past: events(when: PAST, first: 10) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.CommunityDocument,
    "\n  query CommunityMembers($code: String!, $first: Int!, $after: String) {\n    community(code: $code) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            givenName\n            usualName\n            currentRole {\n              title\n            }\n            organisation {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CommunityMembersDocument,
    "\n  mutation JoinCommunity($input: JoinCommunityInput!) {\n    joinCommunity(input: $input) {\n      community {\n        id\n        memberCount\n        viewerRole\n      }\n    }\n  }\n": typeof types.JoinCommunityDocument,
    "\n  mutation LeaveCommunity($input: LeaveCommunityInput!) {\n    leaveCommunity(input: $input) {\n      community {\n        id\n        memberCount\n        viewerRole\n      }\n    }\n  }\n": typeof types.LeaveCommunityDocument,
    "\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) {\n      community {\n        id\n        code\n        name\n      }\n    }\n  }\n": typeof types.CreateCommunityDocument,
    "\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) {\n      community {\n        id\n        name\n      }\n    }\n  }\n": typeof types.UpdateCommunityDocument,
    "\n  mutation ArchiveCommunity($input: ArchiveCommunityInput!) {\n    archiveCommunity(input: $input) {\n      community {\n        id\n        archivedAt\n      }\n    }\n  }\n": typeof types.ArchiveCommunityDocument,
    "\n  mutation SetCommunityAnimator($input: SetCommunityAnimatorInput!) {\n    setCommunityAnimator(input: $input) {\n      community {\n        id\n        animators {\n          agentId\n        }\n      }\n    }\n  }\n": typeof types.SetCommunityAnimatorDocument,
    "\n  mutation CreateShortlist($input: CreateShortlistInput!) {\n    createShortlist(input: $input) {\n      shortlist {\n        id\n        name\n      }\n    }\n  }\n": typeof types.CreateShortlistDocument,
    "\n  mutation AddToShortlist($input: AddToShortlistInput!) {\n    addToShortlist(input: $input) {\n      shortlist {\n        id\n        name\n        entryCount\n      }\n    }\n  }\n": typeof types.AddToShortlistDocument,
    "\n  query Site {\n    site {\n      contactEmail\n    }\n  }\n": typeof types.SiteDocument,
    "\n  mutation DeclareSkill($input: DeclareSkillInput!) {\n    declareSkill(input: $input) {\n      skill {\n        level {\n          value\n        }\n      }\n    }\n  }\n": typeof types.DeclareSkillDocument,
    "\n  mutation RemoveSkill($input: RemoveSkillInput!) {\n    removeSkill(input: $input) {\n      skillId\n    }\n  }\n": typeof types.RemoveSkillDocument,
    "\n  fragment DeclaredSkillFields on DeclaredSkill {\n    topRank\n    currentUse\n    wantsToDevelop\n    endorsementCount\n    validationStatus\n    validatedAt\n    validationComment\n    validatedByName\n    validatedBy {\n      id\n      givenName\n      usualName\n    }\n    validatedLevel {\n      value\n      code\n      label\n    }\n    level {\n      value\n      code\n      label\n    }\n    evidence {\n      id\n      kind\n      title\n      description\n      score\n      obtainedOn\n      url\n    }\n    skill {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n      domain {\n        code\n        name\n      }\n    }\n  }\n": typeof types.DeclaredSkillFieldsFragmentDoc,
    "\n  fragment ProfileFormFields on Profile {\n    id\n    bio\n    visibility\n    visibilityChosen\n    openToMobility\n    willingToMentor\n    organisation {\n      id\n      name\n      ministry {\n        code\n      }\n    }\n    region {\n      id\n      name\n    }\n    grade {\n      code\n      label\n    }\n    currentRole {\n      id\n      title\n    }\n    targetRoles {\n      id\n      title\n    }\n    mobilityFamilies\n    mobilityRegions {\n      id\n      name\n    }\n    hiddenFromOrganisations {\n      id\n      name\n    }\n  }\n": typeof types.ProfileFormFieldsFragmentDoc,
    "\n  query ProfileForm {\n    me {\n      id\n      assertedOrganisation {\n        id\n        name\n        ministry {\n          code\n        }\n      }\n      profile {\n        ...ProfileFormFields\n      }\n    }\n    ministries(first: 100) {\n      edges {\n        node {\n          code\n          name\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    grades(first: 100) {\n      edges {\n        node {\n          code\n          label\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          id\n          title\n        }\n      }\n    }\n  }\n": typeof types.ProfileFormDocument,
    "\n  query Organisations($ministry: String, $first: Int!) {\n    organisations(ministry: $ministry, first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.OrganisationsDocument,
    "\n  query AllOrganisations($first: Int!, $after: String) {\n    organisations(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AllOrganisationsDocument,
    "\n  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {\n    updateMyProfile(input: $input) {\n      profile {\n        ...ProfileFormFields\n      }\n    }\n  }\n": typeof types.UpdateMyProfileDocument,
    "\n  fragment RemovedSkillFields on RemovedSkill {\n    removedAt\n    skill {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n    }\n    history {\n      ...SkillVersionFields\n    }\n  }\n": typeof types.RemovedSkillFieldsFragmentDoc,
    "\n  query RemovedSkills($id: ID!) {\n    profile(id: $id) {\n      id\n      removedSkills {\n        ...RemovedSkillFields\n      }\n    }\n  }\n": typeof types.RemovedSkillsDocument,
    "\n  fragment ReviewedEvidence on DeclaredSkill {\n    evidence {\n      id\n      kind\n      title\n      description\n      score\n      obtainedOn\n      url\n    }\n  }\n": typeof types.ReviewedEvidenceFragmentDoc,
    "\n  mutation SaveSearch($input: SaveSearchInput!) {\n    saveSearch(input: $input) {\n      savedSearch {\n        id\n        name\n      }\n    }\n  }\n": typeof types.SaveSearchDocument,
    "\n  fragment SkillVersionFields on SkillVersion {\n    version\n    change\n    topRank\n    comment\n    validFrom\n    level {\n      value\n      code\n      label\n    }\n    validatedLevel {\n      value\n      code\n    }\n  }\n": typeof types.SkillVersionFieldsFragmentDoc,
    "\n  fragment SkillHistoryFields on DeclaredSkill {\n    history {\n      ...SkillVersionFields\n    }\n  }\n": typeof types.SkillHistoryFieldsFragmentDoc,
    "\n  query SearchSkills($search: String!, $framework: String, $first: Int!) {\n    skills(search: $search, framework: $framework, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          framework {\n            code\n            name\n          }\n          domain {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.SearchSkillsDocument,
    "\n  mutation RankTopSkills($input: RankTopSkillsInput!) {\n    rankTopSkills(input: $input) {\n      profile {\n        id\n      }\n    }\n  }\n": typeof types.RankTopSkillsDocument,
    "\n  fragment EventSummaryFields on Event {\n    id\n    title\n    kind\n    format\n    status\n    startsAt\n    endsAt\n    timeZone\n    capacity\n    seatsLeft\n    registeredCount\n    waitlistCount\n    registrationDeadline\n    region {\n      id\n      name\n    }\n    community {\n      id\n      code\n      name\n    }\n    myRegistration {\n      status\n      waitlistPosition\n    }\n  }\n": typeof types.EventSummaryFieldsFragmentDoc,
    "\n  query Events($filter: EventFilter, $first: Int!, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...EventSummaryFields\n        }\n      }\n    }\n  }\n": typeof types.EventsDocument,
    "\n  query EventFilterOptions {\n    communities(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    skills(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          framework {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.EventFilterOptionsDocument,
    "\n  fragment EventRegistrationFields on Registration {\n    status\n    waitlistPosition\n    registeredAt\n    attended\n    participant {\n      agentId\n      givenName\n      usualName\n      email\n      organisationLabel\n    }\n  }\n": typeof types.EventRegistrationFieldsFragmentDoc,
    "\n  query EventPage($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      description\n      descriptionHtml\n      address\n      onlineUrl\n      onlineUrlHidden\n      publishedAt\n      cancelledAt\n      viewerCanManage\n      viewerCanChange\n      skills {\n        id\n        code\n        name\n        framework {\n          code\n        }\n      }\n      myRegistration {\n        status\n        waitlistPosition\n        attended\n        registeredAt\n        updatedAt\n      }\n    }\n  }\n": typeof types.EventPageDocument,
    "\n  query EventPeople($id: ID!, $first: Int!) {\n    event(id: $id) {\n      id\n      participants(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...EventRegistrationFields\n          }\n        }\n      }\n      waitlist(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...EventRegistrationFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.EventPeopleDocument,
    "\n  query EventForm($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      format\n      status\n      address\n      onlineUrl\n      startsAt\n      endsAt\n      timeZone\n      capacity\n      registeredCount\n      registrationDeadline\n      viewerCanManage\n      viewerCanChange\n      region {\n        id\n      }\n      skills {\n        id\n        code\n        name\n      }\n      community {\n        id\n        code\n        name\n      }\n    }\n  }\n": typeof types.EventFormDocument,
    "\n  query EventCommunities {\n    communities(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          viewerRole\n        }\n      }\n    }\n  }\n": typeof types.EventCommunitiesDocument,
    "\n  query EventCommunity($code: String!) {\n    community(code: $code) {\n      id\n      code\n      name\n      archivedAt\n      viewerRole\n      skills {\n        id\n        code\n        name\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.EventCommunityDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      event {\n        id\n      }\n    }\n  }\n": typeof types.CreateEventDocument,
    "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event {\n        id\n      }\n    }\n  }\n": typeof types.UpdateEventDocument,
    "\n  mutation PublishEvent($input: PublishEventInput!) {\n    publishEvent(input: $input) {\n      event {\n        id\n        status\n      }\n    }\n  }\n": typeof types.PublishEventDocument,
    "\n  mutation CancelEvent($input: CancelEventInput!) {\n    cancelEvent(input: $input) {\n      event {\n        id\n        status\n      }\n    }\n  }\n": typeof types.CancelEventDocument,
    "\n  mutation RegisterForEvent($input: RegisterForEventInput!) {\n    registerForEvent(input: $input) {\n      registration {\n        status\n        waitlistPosition\n      }\n    }\n  }\n": typeof types.RegisterForEventDocument,
    "\n  mutation UnregisterFromEvent($input: UnregisterFromEventInput!) {\n    unregisterFromEvent(input: $input) {\n      registration {\n        status\n      }\n    }\n  }\n": typeof types.UnregisterFromEventDocument,
    "\n  mutation MarkAttendance($input: MarkAttendanceInput!) {\n    markAttendance(input: $input) {\n      registration {\n        attended\n      }\n    }\n  }\n": typeof types.MarkAttendanceDocument,
    "\n  query UnreadNotifications {\n    me {\n      id\n      notifications(first: 0) {\n        unreadCount\n      }\n    }\n  }\n": typeof types.UnreadNotificationsDocument,
    "\n  query Notifications($first: Int!, $after: String) {\n    me {\n      id\n      notifications(first: $first, after: $after) {\n        totalCount\n        unreadCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            label\n            createdAt\n            readAt\n            event {\n              id\n              title\n              startsAt\n              cancelled\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      markedCount\n      unreadCount\n    }\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    me {\n      id\n      email\n      notificationPreferences {\n        delivery\n        byEmail\n        emailAvailable\n        quietHoursStart\n        quietHoursEnd\n        digestDay\n        digestTime\n        updatedAt\n      }\n    }\n  }\n": typeof types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        delivery\n        byEmail\n        emailAvailable\n        quietHoursStart\n        quietHoursEnd\n        digestDay\n        digestTime\n        updatedAt\n      }\n    }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
    "\n  query MyCalendarFeed {\n    me {\n      id\n      calendarFeed {\n        createdAt\n      }\n    }\n  }\n": typeof types.MyCalendarFeedDocument,
    "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      calendarFeed {\n        url\n        createdAt\n      }\n    }\n  }\n": typeof types.CreateCalendarFeedDocument,
    "\n  mutation RenewCalendarFeed {\n    renewCalendarFeed {\n      calendarFeed {\n        url\n        createdAt\n      }\n    }\n  }\n": typeof types.RenewCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed {\n    revokeCalendarFeed {\n      revoked\n    }\n  }\n": typeof types.RevokeCalendarFeedDocument,
    "\n  fragment AdministeredUser on User {\n    id\n    givenName\n    usualName\n    email\n    organisationLabel\n    accessRoles\n  }\n": typeof types.AdministeredUserFragmentDoc,
    "\n  query Users($search: String!, $first: Int!, $after: String) {\n    users(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AdministeredUser\n        }\n      }\n    }\n  }\n": typeof types.UsersDocument,
    "\n  mutation GrantAccessRole($input: GrantAccessRoleInput!) {\n    grantAccessRole(input: $input) {\n      agentId\n      accessRoles\n    }\n  }\n": typeof types.GrantAccessRoleDocument,
    "\n  mutation RevokeAccessRole($input: RevokeAccessRoleInput!) {\n    revokeAccessRole(input: $input) {\n      agentId\n      accessRoles\n    }\n  }\n": typeof types.RevokeAccessRoleDocument,
    "\n  fragment AdminCommunity on Community {\n    id\n    code\n    name\n    description\n    memberCount\n    archivedAt\n    skills {\n      id\n      code\n      name\n      framework {\n        name\n      }\n    }\n    animators {\n      agentId\n      givenName\n      usualName\n    }\n  }\n": typeof types.AdminCommunityFragmentDoc,
    "\n  query AdminCommunities {\n    communities(first: 100, includeArchived: true) {\n      totalCount\n      edges {\n        node {\n          ...AdminCommunity\n        }\n      }\n    }\n  }\n": typeof types.AdminCommunitiesDocument,
    "\n  query Framework($code: String!) {\n    framework(code: $code) {\n      code\n      name\n      description\n      levels {\n        value\n        code\n        label\n        description\n      }\n      domains {\n        code\n        name\n        skills(first: 100) {\n          totalCount\n          edges {\n            node {\n              id\n              code\n              name\n              nameEn\n              description\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.FrameworkDocument,
    "\n  query Frameworks {\n    frameworks(first: 100) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          description\n          levels {\n            value\n          }\n          domains {\n            code\n          }\n          skills(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": typeof types.FrameworksDocument,
    "\n  query HomeSkills($id: ID!) {\n    profile(id: $id) {\n      id\n      skills {\n        declaredAt\n      }\n    }\n  }\n": typeof types.HomeSkillsDocument,
    "\n  query MyProfileViews($first: Int!, $after: String) {\n    myProfileViews(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          at\n          viewerName\n          viewerOrganisation\n        }\n      }\n    }\n  }\n": typeof types.MyProfileViewsDocument,
    "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) {\n      deleted\n    }\n  }\n": typeof types.DeleteMyAccountDocument,
    "\n  query FilterSkills($search: String!, $first: Int!) {\n    skills(search: $search, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          name\n          description\n          levels {\n            value\n            code\n            label\n            description\n          }\n          framework {\n            code\n            name\n          }\n          domain {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.FilterSkillsDocument,
    "\n  mutation EndorseSkill($input: EndorseSkillInput!) {\n    endorseSkill(input: $input) {\n      skill {\n        endorsementCount\n        endorsedByMe\n      }\n    }\n  }\n": typeof types.EndorseSkillDocument,
    "\n  mutation ValidateSkill($input: ValidateSkillInput!) {\n    validateSkill(input: $input) {\n      skill {\n        validationStatus\n      }\n    }\n  }\n": typeof types.ValidateSkillDocument,
    "\n  query SkillsFramework($code: String!) {\n    framework(code: $code) {\n      code\n      name\n      levels {\n        value\n        code\n        label\n        description\n      }\n      domains {\n        code\n        name\n        skills(first: 100) {\n          edges {\n            node {\n              id\n              code\n              name\n              description\n              levels {\n                value\n                code\n                label\n                description\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.SkillsFrameworkDocument,
    "\n  query Profile($id: ID!) {\n    profile(id: $id) {\n      id\n      isMe\n      givenName\n      usualName\n      email\n      bio\n      visibility\n      visibilityChosen\n      openToMobility\n      willingToMentor\n      organisation {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      grade {\n        code\n        label\n      }\n      currentRole {\n        id\n        title\n      }\n      targetRoles {\n        id\n        title\n      }\n      mobilityFamilies\n      mobilityRegions {\n        id\n        name\n      }\n      skills {\n        ...DeclaredSkillFields\n        ...SkillHistoryFields\n        ...ReviewedEvidence\n        declaredAt\n        updatedAt\n        endorsedByMe\n        endorsers {\n          id\n          givenName\n          usualName\n        }\n        skill {\n          id\n          levels {\n            value\n            code\n            label\n            description\n          }\n        }\n      }\n    }\n  }\n": typeof types.ProfileDocument,
    "\n  query Me {\n    me {\n      id\n      givenName\n      usualName\n      email\n      organisationLabel\n      accessRoles\n      animatedCommunities {\n        code\n        name\n      }\n      profile {\n        id\n        visibilityChosen\n      }\n    }\n  }\n": typeof types.MeDocument,
    "\n  query RunSavedSearch($after: String, $first: Int!, $runAfter: String) {\n    mySavedSearches(first: 1, after: $after) {\n      edges {\n        node {\n          id\n          run(first: $first, after: $runAfter) {\n            totalCount\n            newCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              score\n              isNew\n              node {\n                id\n                givenName\n                usualName\n                organisation {\n                  id\n                  name\n                }\n                currentRole {\n                  id\n                  title\n                }\n                region {\n                  id\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RunSavedSearchDocument,
    "\n  mutation DeleteSavedSearch($input: DeleteSavedSearchInput!) {\n    deleteSavedSearch(input: $input) {\n      savedSearchId\n    }\n  }\n": typeof types.DeleteSavedSearchDocument,
    "\n  query ShortlistEntries($id: ID!, $first: Int!, $after: String) {\n    shortlist(id: $id) {\n      id\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            note\n            addedAt\n            updatedAt\n            profile {\n              id\n              givenName\n              usualName\n              organisation {\n                id\n                name\n              }\n              currentRole {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ShortlistEntriesDocument,
    "\n  mutation RenameShortlist($input: RenameShortlistInput!) {\n    renameShortlist(input: $input) {\n      shortlist {\n        id\n        name\n      }\n    }\n  }\n": typeof types.RenameShortlistDocument,
    "\n  mutation DeleteShortlist($input: DeleteShortlistInput!) {\n    deleteShortlist(input: $input) {\n      shortlistId\n    }\n  }\n": typeof types.DeleteShortlistDocument,
    "\n  mutation AcknowledgeShortlistDepartures($input: AcknowledgeShortlistDeparturesInput!) {\n    acknowledgeShortlistDepartures(input: $input) {\n      shortlist {\n        id\n        departedCount\n      }\n    }\n  }\n": typeof types.AcknowledgeShortlistDeparturesDocument,
    "\n  mutation UpdateShortlistNote($input: UpdateShortlistNoteInput!) {\n    updateShortlistNote(input: $input) {\n      entry {\n        note\n      }\n    }\n  }\n": typeof types.UpdateShortlistNoteDocument,
    "\n  mutation RemoveFromShortlist($input: RemoveFromShortlistInput!) {\n    removeFromShortlist(input: $input) {\n      agentId\n    }\n  }\n": typeof types.RemoveFromShortlistDocument,
    "\n  query MyShortlists {\n    myShortlists(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          entryCount\n          departedCount\n          updatedAt\n        }\n      }\n    }\n  }\n": typeof types.MyShortlistsDocument,
    "\n  query MySavedSearches {\n    mySavedSearches(first: 50) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          createdAt\n          lastRunAt\n          newCount\n        }\n      }\n    }\n  }\n": typeof types.MySavedSearchesDocument,
    "\n  query TalentReferentials {\n    ministries(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    organisations(first: 100) {\n      edges {\n        node {\n          id\n          name\n          type\n          ministry {\n            id\n          }\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    grades(first: 100) {\n      edges {\n        node {\n          code\n          label\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          id\n          title\n          family\n        }\n      }\n    }\n    skills(first: 100) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TalentSkillFields\n        }\n      }\n    }\n  }\n": typeof types.TalentReferentialsDocument,
    "\n  fragment TalentSkillFields on Skill {\n    id\n    code\n    name\n    framework {\n      code\n      name\n    }\n    levels {\n      value\n      code\n      label\n    }\n  }\n": typeof types.TalentSkillFieldsFragmentDoc,
    "\n  query FindTalentSkills($search: String!, $first: Int!) {\n    skills(search: $search, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...TalentSkillFields\n        }\n      }\n    }\n  }\n": typeof types.FindTalentSkillsDocument,
    "\n  fragment TalentResultFields on TalentEdge {\n    cursor\n    score\n    explanation {\n      required\n      points\n      validated\n      changedOn\n      recency\n      level {\n        code\n        label\n      }\n      skill {\n        id\n        code\n        name\n        framework {\n          name\n        }\n      }\n    }\n    node {\n      id\n      givenName\n      usualName\n      openToMobility\n      willingToMentor\n      organisation {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      grade {\n        code\n        label\n      }\n      currentRole {\n        id\n        title\n      }\n    }\n  }\n": typeof types.TalentResultFieldsFragmentDoc,
    "\n  query SearchTalent($filter: TalentFilter!, $first: Int!, $after: String, $facets: Boolean!) {\n    searchTalent(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        ...TalentResultFields\n      }\n      facets @include(if: $facets) {\n        ministries {\n          count\n          ministry {\n            id\n            name\n          }\n        }\n        regions {\n          count\n          region {\n            id\n            name\n          }\n        }\n        grades {\n          count\n          grade {\n            code\n            label\n          }\n        }\n        organisationTypes {\n          count\n          type\n        }\n        currentRoleFamilies {\n          count\n          family\n        }\n      }\n    }\n  }\n": typeof types.SearchTalentDocument,
};
const documents: Documents = {
    "\n  query RecommendedEvents {\n    me {\n      id\n      recommendedEvents(first: 5) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n    }\n  }\n": types.RecommendedEventsDocument,
    "\n  fragment CommunitySummary on Community {\n    id\n    code\n    name\n    description\n    memberCount\n    viewerRole\n    archivedAt\n    skills {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n    }\n  }\n": types.CommunitySummaryFragmentDoc,
    "\n  query Communities($includeArchived: Boolean!) {\n    communities(first: 100, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...CommunitySummary\n        }\n      }\n    }\n  }\n": types.CommunitiesDocument,
    "\n  query Community($code: String!) {\n    community(code: $code) {\n      ...CommunitySummary\n      animators {\n        agentId\n        givenName\n        usualName\n        profile {\n          id\n        }\n      }\n      upcoming: events(when: UPCOMING, first: 20) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n      past: events(when: PAST, first: 10) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n    }\n  }\n": types.CommunityDocument,
    "\n  query CommunityMembers($code: String!, $first: Int!, $after: String) {\n    community(code: $code) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            givenName\n            usualName\n            currentRole {\n              title\n            }\n            organisation {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CommunityMembersDocument,
    "\n  mutation JoinCommunity($input: JoinCommunityInput!) {\n    joinCommunity(input: $input) {\n      community {\n        id\n        memberCount\n        viewerRole\n      }\n    }\n  }\n": types.JoinCommunityDocument,
    "\n  mutation LeaveCommunity($input: LeaveCommunityInput!) {\n    leaveCommunity(input: $input) {\n      community {\n        id\n        memberCount\n        viewerRole\n      }\n    }\n  }\n": types.LeaveCommunityDocument,
    "\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) {\n      community {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.CreateCommunityDocument,
    "\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) {\n      community {\n        id\n        name\n      }\n    }\n  }\n": types.UpdateCommunityDocument,
    "\n  mutation ArchiveCommunity($input: ArchiveCommunityInput!) {\n    archiveCommunity(input: $input) {\n      community {\n        id\n        archivedAt\n      }\n    }\n  }\n": types.ArchiveCommunityDocument,
    "\n  mutation SetCommunityAnimator($input: SetCommunityAnimatorInput!) {\n    setCommunityAnimator(input: $input) {\n      community {\n        id\n        animators {\n          agentId\n        }\n      }\n    }\n  }\n": types.SetCommunityAnimatorDocument,
    "\n  mutation CreateShortlist($input: CreateShortlistInput!) {\n    createShortlist(input: $input) {\n      shortlist {\n        id\n        name\n      }\n    }\n  }\n": types.CreateShortlistDocument,
    "\n  mutation AddToShortlist($input: AddToShortlistInput!) {\n    addToShortlist(input: $input) {\n      shortlist {\n        id\n        name\n        entryCount\n      }\n    }\n  }\n": types.AddToShortlistDocument,
    "\n  query Site {\n    site {\n      contactEmail\n    }\n  }\n": types.SiteDocument,
    "\n  mutation DeclareSkill($input: DeclareSkillInput!) {\n    declareSkill(input: $input) {\n      skill {\n        level {\n          value\n        }\n      }\n    }\n  }\n": types.DeclareSkillDocument,
    "\n  mutation RemoveSkill($input: RemoveSkillInput!) {\n    removeSkill(input: $input) {\n      skillId\n    }\n  }\n": types.RemoveSkillDocument,
    "\n  fragment DeclaredSkillFields on DeclaredSkill {\n    topRank\n    currentUse\n    wantsToDevelop\n    endorsementCount\n    validationStatus\n    validatedAt\n    validationComment\n    validatedByName\n    validatedBy {\n      id\n      givenName\n      usualName\n    }\n    validatedLevel {\n      value\n      code\n      label\n    }\n    level {\n      value\n      code\n      label\n    }\n    evidence {\n      id\n      kind\n      title\n      description\n      score\n      obtainedOn\n      url\n    }\n    skill {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n      domain {\n        code\n        name\n      }\n    }\n  }\n": types.DeclaredSkillFieldsFragmentDoc,
    "\n  fragment ProfileFormFields on Profile {\n    id\n    bio\n    visibility\n    visibilityChosen\n    openToMobility\n    willingToMentor\n    organisation {\n      id\n      name\n      ministry {\n        code\n      }\n    }\n    region {\n      id\n      name\n    }\n    grade {\n      code\n      label\n    }\n    currentRole {\n      id\n      title\n    }\n    targetRoles {\n      id\n      title\n    }\n    mobilityFamilies\n    mobilityRegions {\n      id\n      name\n    }\n    hiddenFromOrganisations {\n      id\n      name\n    }\n  }\n": types.ProfileFormFieldsFragmentDoc,
    "\n  query ProfileForm {\n    me {\n      id\n      assertedOrganisation {\n        id\n        name\n        ministry {\n          code\n        }\n      }\n      profile {\n        ...ProfileFormFields\n      }\n    }\n    ministries(first: 100) {\n      edges {\n        node {\n          code\n          name\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    grades(first: 100) {\n      edges {\n        node {\n          code\n          label\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          id\n          title\n        }\n      }\n    }\n  }\n": types.ProfileFormDocument,
    "\n  query Organisations($ministry: String, $first: Int!) {\n    organisations(ministry: $ministry, first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.OrganisationsDocument,
    "\n  query AllOrganisations($first: Int!, $after: String) {\n    organisations(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AllOrganisationsDocument,
    "\n  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {\n    updateMyProfile(input: $input) {\n      profile {\n        ...ProfileFormFields\n      }\n    }\n  }\n": types.UpdateMyProfileDocument,
    "\n  fragment RemovedSkillFields on RemovedSkill {\n    removedAt\n    skill {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n    }\n    history {\n      ...SkillVersionFields\n    }\n  }\n": types.RemovedSkillFieldsFragmentDoc,
    "\n  query RemovedSkills($id: ID!) {\n    profile(id: $id) {\n      id\n      removedSkills {\n        ...RemovedSkillFields\n      }\n    }\n  }\n": types.RemovedSkillsDocument,
    "\n  fragment ReviewedEvidence on DeclaredSkill {\n    evidence {\n      id\n      kind\n      title\n      description\n      score\n      obtainedOn\n      url\n    }\n  }\n": types.ReviewedEvidenceFragmentDoc,
    "\n  mutation SaveSearch($input: SaveSearchInput!) {\n    saveSearch(input: $input) {\n      savedSearch {\n        id\n        name\n      }\n    }\n  }\n": types.SaveSearchDocument,
    "\n  fragment SkillVersionFields on SkillVersion {\n    version\n    change\n    topRank\n    comment\n    validFrom\n    level {\n      value\n      code\n      label\n    }\n    validatedLevel {\n      value\n      code\n    }\n  }\n": types.SkillVersionFieldsFragmentDoc,
    "\n  fragment SkillHistoryFields on DeclaredSkill {\n    history {\n      ...SkillVersionFields\n    }\n  }\n": types.SkillHistoryFieldsFragmentDoc,
    "\n  query SearchSkills($search: String!, $framework: String, $first: Int!) {\n    skills(search: $search, framework: $framework, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          framework {\n            code\n            name\n          }\n          domain {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": types.SearchSkillsDocument,
    "\n  mutation RankTopSkills($input: RankTopSkillsInput!) {\n    rankTopSkills(input: $input) {\n      profile {\n        id\n      }\n    }\n  }\n": types.RankTopSkillsDocument,
    "\n  fragment EventSummaryFields on Event {\n    id\n    title\n    kind\n    format\n    status\n    startsAt\n    endsAt\n    timeZone\n    capacity\n    seatsLeft\n    registeredCount\n    waitlistCount\n    registrationDeadline\n    region {\n      id\n      name\n    }\n    community {\n      id\n      code\n      name\n    }\n    myRegistration {\n      status\n      waitlistPosition\n    }\n  }\n": types.EventSummaryFieldsFragmentDoc,
    "\n  query Events($filter: EventFilter, $first: Int!, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...EventSummaryFields\n        }\n      }\n    }\n  }\n": types.EventsDocument,
    "\n  query EventFilterOptions {\n    communities(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    skills(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          framework {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": types.EventFilterOptionsDocument,
    "\n  fragment EventRegistrationFields on Registration {\n    status\n    waitlistPosition\n    registeredAt\n    attended\n    participant {\n      agentId\n      givenName\n      usualName\n      email\n      organisationLabel\n    }\n  }\n": types.EventRegistrationFieldsFragmentDoc,
    "\n  query EventPage($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      description\n      descriptionHtml\n      address\n      onlineUrl\n      onlineUrlHidden\n      publishedAt\n      cancelledAt\n      viewerCanManage\n      viewerCanChange\n      skills {\n        id\n        code\n        name\n        framework {\n          code\n        }\n      }\n      myRegistration {\n        status\n        waitlistPosition\n        attended\n        registeredAt\n        updatedAt\n      }\n    }\n  }\n": types.EventPageDocument,
    "\n  query EventPeople($id: ID!, $first: Int!) {\n    event(id: $id) {\n      id\n      participants(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...EventRegistrationFields\n          }\n        }\n      }\n      waitlist(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...EventRegistrationFields\n          }\n        }\n      }\n    }\n  }\n": types.EventPeopleDocument,
    "\n  query EventForm($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      format\n      status\n      address\n      onlineUrl\n      startsAt\n      endsAt\n      timeZone\n      capacity\n      registeredCount\n      registrationDeadline\n      viewerCanManage\n      viewerCanChange\n      region {\n        id\n      }\n      skills {\n        id\n        code\n        name\n      }\n      community {\n        id\n        code\n        name\n      }\n    }\n  }\n": types.EventFormDocument,
    "\n  query EventCommunities {\n    communities(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          viewerRole\n        }\n      }\n    }\n  }\n": types.EventCommunitiesDocument,
    "\n  query EventCommunity($code: String!) {\n    community(code: $code) {\n      id\n      code\n      name\n      archivedAt\n      viewerRole\n      skills {\n        id\n        code\n        name\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.EventCommunityDocument,
    "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      event {\n        id\n      }\n    }\n  }\n": types.CreateEventDocument,
    "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event {\n        id\n      }\n    }\n  }\n": types.UpdateEventDocument,
    "\n  mutation PublishEvent($input: PublishEventInput!) {\n    publishEvent(input: $input) {\n      event {\n        id\n        status\n      }\n    }\n  }\n": types.PublishEventDocument,
    "\n  mutation CancelEvent($input: CancelEventInput!) {\n    cancelEvent(input: $input) {\n      event {\n        id\n        status\n      }\n    }\n  }\n": types.CancelEventDocument,
    "\n  mutation RegisterForEvent($input: RegisterForEventInput!) {\n    registerForEvent(input: $input) {\n      registration {\n        status\n        waitlistPosition\n      }\n    }\n  }\n": types.RegisterForEventDocument,
    "\n  mutation UnregisterFromEvent($input: UnregisterFromEventInput!) {\n    unregisterFromEvent(input: $input) {\n      registration {\n        status\n      }\n    }\n  }\n": types.UnregisterFromEventDocument,
    "\n  mutation MarkAttendance($input: MarkAttendanceInput!) {\n    markAttendance(input: $input) {\n      registration {\n        attended\n      }\n    }\n  }\n": types.MarkAttendanceDocument,
    "\n  query UnreadNotifications {\n    me {\n      id\n      notifications(first: 0) {\n        unreadCount\n      }\n    }\n  }\n": types.UnreadNotificationsDocument,
    "\n  query Notifications($first: Int!, $after: String) {\n    me {\n      id\n      notifications(first: $first, after: $after) {\n        totalCount\n        unreadCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            label\n            createdAt\n            readAt\n            event {\n              id\n              title\n              startsAt\n              cancelled\n            }\n          }\n        }\n      }\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      markedCount\n      unreadCount\n    }\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query NotificationPreferences {\n    me {\n      id\n      email\n      notificationPreferences {\n        delivery\n        byEmail\n        emailAvailable\n        quietHoursStart\n        quietHoursEnd\n        digestDay\n        digestTime\n        updatedAt\n      }\n    }\n  }\n": types.NotificationPreferencesDocument,
    "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        delivery\n        byEmail\n        emailAvailable\n        quietHoursStart\n        quietHoursEnd\n        digestDay\n        digestTime\n        updatedAt\n      }\n    }\n  }\n": types.UpdateNotificationPreferencesDocument,
    "\n  query MyCalendarFeed {\n    me {\n      id\n      calendarFeed {\n        createdAt\n      }\n    }\n  }\n": types.MyCalendarFeedDocument,
    "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      calendarFeed {\n        url\n        createdAt\n      }\n    }\n  }\n": types.CreateCalendarFeedDocument,
    "\n  mutation RenewCalendarFeed {\n    renewCalendarFeed {\n      calendarFeed {\n        url\n        createdAt\n      }\n    }\n  }\n": types.RenewCalendarFeedDocument,
    "\n  mutation RevokeCalendarFeed {\n    revokeCalendarFeed {\n      revoked\n    }\n  }\n": types.RevokeCalendarFeedDocument,
    "\n  fragment AdministeredUser on User {\n    id\n    givenName\n    usualName\n    email\n    organisationLabel\n    accessRoles\n  }\n": types.AdministeredUserFragmentDoc,
    "\n  query Users($search: String!, $first: Int!, $after: String) {\n    users(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AdministeredUser\n        }\n      }\n    }\n  }\n": types.UsersDocument,
    "\n  mutation GrantAccessRole($input: GrantAccessRoleInput!) {\n    grantAccessRole(input: $input) {\n      agentId\n      accessRoles\n    }\n  }\n": types.GrantAccessRoleDocument,
    "\n  mutation RevokeAccessRole($input: RevokeAccessRoleInput!) {\n    revokeAccessRole(input: $input) {\n      agentId\n      accessRoles\n    }\n  }\n": types.RevokeAccessRoleDocument,
    "\n  fragment AdminCommunity on Community {\n    id\n    code\n    name\n    description\n    memberCount\n    archivedAt\n    skills {\n      id\n      code\n      name\n      framework {\n        name\n      }\n    }\n    animators {\n      agentId\n      givenName\n      usualName\n    }\n  }\n": types.AdminCommunityFragmentDoc,
    "\n  query AdminCommunities {\n    communities(first: 100, includeArchived: true) {\n      totalCount\n      edges {\n        node {\n          ...AdminCommunity\n        }\n      }\n    }\n  }\n": types.AdminCommunitiesDocument,
    "\n  query Framework($code: String!) {\n    framework(code: $code) {\n      code\n      name\n      description\n      levels {\n        value\n        code\n        label\n        description\n      }\n      domains {\n        code\n        name\n        skills(first: 100) {\n          totalCount\n          edges {\n            node {\n              id\n              code\n              name\n              nameEn\n              description\n            }\n          }\n        }\n      }\n    }\n  }\n": types.FrameworkDocument,
    "\n  query Frameworks {\n    frameworks(first: 100) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          description\n          levels {\n            value\n          }\n          domains {\n            code\n          }\n          skills(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n": types.FrameworksDocument,
    "\n  query HomeSkills($id: ID!) {\n    profile(id: $id) {\n      id\n      skills {\n        declaredAt\n      }\n    }\n  }\n": types.HomeSkillsDocument,
    "\n  query MyProfileViews($first: Int!, $after: String) {\n    myProfileViews(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          at\n          viewerName\n          viewerOrganisation\n        }\n      }\n    }\n  }\n": types.MyProfileViewsDocument,
    "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) {\n      deleted\n    }\n  }\n": types.DeleteMyAccountDocument,
    "\n  query FilterSkills($search: String!, $first: Int!) {\n    skills(search: $search, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          name\n          description\n          levels {\n            value\n            code\n            label\n            description\n          }\n          framework {\n            code\n            name\n          }\n          domain {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n": types.FilterSkillsDocument,
    "\n  mutation EndorseSkill($input: EndorseSkillInput!) {\n    endorseSkill(input: $input) {\n      skill {\n        endorsementCount\n        endorsedByMe\n      }\n    }\n  }\n": types.EndorseSkillDocument,
    "\n  mutation ValidateSkill($input: ValidateSkillInput!) {\n    validateSkill(input: $input) {\n      skill {\n        validationStatus\n      }\n    }\n  }\n": types.ValidateSkillDocument,
    "\n  query SkillsFramework($code: String!) {\n    framework(code: $code) {\n      code\n      name\n      levels {\n        value\n        code\n        label\n        description\n      }\n      domains {\n        code\n        name\n        skills(first: 100) {\n          edges {\n            node {\n              id\n              code\n              name\n              description\n              levels {\n                value\n                code\n                label\n                description\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.SkillsFrameworkDocument,
    "\n  query Profile($id: ID!) {\n    profile(id: $id) {\n      id\n      isMe\n      givenName\n      usualName\n      email\n      bio\n      visibility\n      visibilityChosen\n      openToMobility\n      willingToMentor\n      organisation {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      grade {\n        code\n        label\n      }\n      currentRole {\n        id\n        title\n      }\n      targetRoles {\n        id\n        title\n      }\n      mobilityFamilies\n      mobilityRegions {\n        id\n        name\n      }\n      skills {\n        ...DeclaredSkillFields\n        ...SkillHistoryFields\n        ...ReviewedEvidence\n        declaredAt\n        updatedAt\n        endorsedByMe\n        endorsers {\n          id\n          givenName\n          usualName\n        }\n        skill {\n          id\n          levels {\n            value\n            code\n            label\n            description\n          }\n        }\n      }\n    }\n  }\n": types.ProfileDocument,
    "\n  query Me {\n    me {\n      id\n      givenName\n      usualName\n      email\n      organisationLabel\n      accessRoles\n      animatedCommunities {\n        code\n        name\n      }\n      profile {\n        id\n        visibilityChosen\n      }\n    }\n  }\n": types.MeDocument,
    "\n  query RunSavedSearch($after: String, $first: Int!, $runAfter: String) {\n    mySavedSearches(first: 1, after: $after) {\n      edges {\n        node {\n          id\n          run(first: $first, after: $runAfter) {\n            totalCount\n            newCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              score\n              isNew\n              node {\n                id\n                givenName\n                usualName\n                organisation {\n                  id\n                  name\n                }\n                currentRole {\n                  id\n                  title\n                }\n                region {\n                  id\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.RunSavedSearchDocument,
    "\n  mutation DeleteSavedSearch($input: DeleteSavedSearchInput!) {\n    deleteSavedSearch(input: $input) {\n      savedSearchId\n    }\n  }\n": types.DeleteSavedSearchDocument,
    "\n  query ShortlistEntries($id: ID!, $first: Int!, $after: String) {\n    shortlist(id: $id) {\n      id\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            note\n            addedAt\n            updatedAt\n            profile {\n              id\n              givenName\n              usualName\n              organisation {\n                id\n                name\n              }\n              currentRole {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ShortlistEntriesDocument,
    "\n  mutation RenameShortlist($input: RenameShortlistInput!) {\n    renameShortlist(input: $input) {\n      shortlist {\n        id\n        name\n      }\n    }\n  }\n": types.RenameShortlistDocument,
    "\n  mutation DeleteShortlist($input: DeleteShortlistInput!) {\n    deleteShortlist(input: $input) {\n      shortlistId\n    }\n  }\n": types.DeleteShortlistDocument,
    "\n  mutation AcknowledgeShortlistDepartures($input: AcknowledgeShortlistDeparturesInput!) {\n    acknowledgeShortlistDepartures(input: $input) {\n      shortlist {\n        id\n        departedCount\n      }\n    }\n  }\n": types.AcknowledgeShortlistDeparturesDocument,
    "\n  mutation UpdateShortlistNote($input: UpdateShortlistNoteInput!) {\n    updateShortlistNote(input: $input) {\n      entry {\n        note\n      }\n    }\n  }\n": types.UpdateShortlistNoteDocument,
    "\n  mutation RemoveFromShortlist($input: RemoveFromShortlistInput!) {\n    removeFromShortlist(input: $input) {\n      agentId\n    }\n  }\n": types.RemoveFromShortlistDocument,
    "\n  query MyShortlists {\n    myShortlists(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          entryCount\n          departedCount\n          updatedAt\n        }\n      }\n    }\n  }\n": types.MyShortlistsDocument,
    "\n  query MySavedSearches {\n    mySavedSearches(first: 50) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          createdAt\n          lastRunAt\n          newCount\n        }\n      }\n    }\n  }\n": types.MySavedSearchesDocument,
    "\n  query TalentReferentials {\n    ministries(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    organisations(first: 100) {\n      edges {\n        node {\n          id\n          name\n          type\n          ministry {\n            id\n          }\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    grades(first: 100) {\n      edges {\n        node {\n          code\n          label\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          id\n          title\n          family\n        }\n      }\n    }\n    skills(first: 100) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TalentSkillFields\n        }\n      }\n    }\n  }\n": types.TalentReferentialsDocument,
    "\n  fragment TalentSkillFields on Skill {\n    id\n    code\n    name\n    framework {\n      code\n      name\n    }\n    levels {\n      value\n      code\n      label\n    }\n  }\n": types.TalentSkillFieldsFragmentDoc,
    "\n  query FindTalentSkills($search: String!, $first: Int!) {\n    skills(search: $search, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...TalentSkillFields\n        }\n      }\n    }\n  }\n": types.FindTalentSkillsDocument,
    "\n  fragment TalentResultFields on TalentEdge {\n    cursor\n    score\n    explanation {\n      required\n      points\n      validated\n      changedOn\n      recency\n      level {\n        code\n        label\n      }\n      skill {\n        id\n        code\n        name\n        framework {\n          name\n        }\n      }\n    }\n    node {\n      id\n      givenName\n      usualName\n      openToMobility\n      willingToMentor\n      organisation {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      grade {\n        code\n        label\n      }\n      currentRole {\n        id\n        title\n      }\n    }\n  }\n": types.TalentResultFieldsFragmentDoc,
    "\n  query SearchTalent($filter: TalentFilter!, $first: Int!, $after: String, $facets: Boolean!) {\n    searchTalent(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        ...TalentResultFields\n      }\n      facets @include(if: $facets) {\n        ministries {\n          count\n          ministry {\n            id\n            name\n          }\n        }\n        regions {\n          count\n          region {\n            id\n            name\n          }\n        }\n        grades {\n          count\n          grade {\n            code\n            label\n          }\n        }\n        organisationTypes {\n          count\n          type\n        }\n        currentRoleFamilies {\n          count\n          family\n        }\n      }\n    }\n  }\n": types.SearchTalentDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RecommendedEvents {\n    me {\n      id\n      recommendedEvents(first: 5) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RecommendedEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommunitySummary on Community {\n    id\n    code\n    name\n    description\n    memberCount\n    viewerRole\n    archivedAt\n    skills {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').CommunitySummaryFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Communities($includeArchived: Boolean!) {\n    communities(first: 100, includeArchived: $includeArchived) {\n      totalCount\n      edges {\n        node {\n          ...CommunitySummary\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CommunitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Community($code: String!) {\n    community(code: $code) {\n      ...CommunitySummary\n      animators {\n        agentId\n        givenName\n        usualName\n        profile {\n          id\n        }\n      }\n      upcoming: events(when: UPCOMING, first: 20) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n      past: events(when: PAST, first: 10) {\n        totalCount\n        edges {\n          node {\n            ...EventSummaryFields\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CommunityMembers($code: String!, $first: Int!, $after: String) {\n    community(code: $code) {\n      id\n      memberCount\n      members(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            givenName\n            usualName\n            currentRole {\n              title\n            }\n            organisation {\n              name\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').CommunityMembersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation JoinCommunity($input: JoinCommunityInput!) {\n    joinCommunity(input: $input) {\n      community {\n        id\n        memberCount\n        viewerRole\n      }\n    }\n  }\n"): typeof import('./graphql').JoinCommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LeaveCommunity($input: LeaveCommunityInput!) {\n    leaveCommunity(input: $input) {\n      community {\n        id\n        memberCount\n        viewerRole\n      }\n    }\n  }\n"): typeof import('./graphql').LeaveCommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCommunity($input: CreateCommunityInput!) {\n    createCommunity(input: $input) {\n      community {\n        id\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').CreateCommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCommunity($input: UpdateCommunityInput!) {\n    updateCommunity(input: $input) {\n      community {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateCommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveCommunity($input: ArchiveCommunityInput!) {\n    archiveCommunity(input: $input) {\n      community {\n        id\n        archivedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ArchiveCommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetCommunityAnimator($input: SetCommunityAnimatorInput!) {\n    setCommunityAnimator(input: $input) {\n      community {\n        id\n        animators {\n          agentId\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SetCommunityAnimatorDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateShortlist($input: CreateShortlistInput!) {\n    createShortlist(input: $input) {\n      shortlist {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').CreateShortlistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddToShortlist($input: AddToShortlistInput!) {\n    addToShortlist(input: $input) {\n      shortlist {\n        id\n        name\n        entryCount\n      }\n    }\n  }\n"): typeof import('./graphql').AddToShortlistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Site {\n    site {\n      contactEmail\n    }\n  }\n"): typeof import('./graphql').SiteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclareSkill($input: DeclareSkillInput!) {\n    declareSkill(input: $input) {\n      skill {\n        level {\n          value\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DeclareSkillDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveSkill($input: RemoveSkillInput!) {\n    removeSkill(input: $input) {\n      skillId\n    }\n  }\n"): typeof import('./graphql').RemoveSkillDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeclaredSkillFields on DeclaredSkill {\n    topRank\n    currentUse\n    wantsToDevelop\n    endorsementCount\n    validationStatus\n    validatedAt\n    validationComment\n    validatedByName\n    validatedBy {\n      id\n      givenName\n      usualName\n    }\n    validatedLevel {\n      value\n      code\n      label\n    }\n    level {\n      value\n      code\n      label\n    }\n    evidence {\n      id\n      kind\n      title\n      description\n      score\n      obtainedOn\n      url\n    }\n    skill {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n      domain {\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DeclaredSkillFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProfileFormFields on Profile {\n    id\n    bio\n    visibility\n    visibilityChosen\n    openToMobility\n    willingToMentor\n    organisation {\n      id\n      name\n      ministry {\n        code\n      }\n    }\n    region {\n      id\n      name\n    }\n    grade {\n      code\n      label\n    }\n    currentRole {\n      id\n      title\n    }\n    targetRoles {\n      id\n      title\n    }\n    mobilityFamilies\n    mobilityRegions {\n      id\n      name\n    }\n    hiddenFromOrganisations {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').ProfileFormFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfileForm {\n    me {\n      id\n      assertedOrganisation {\n        id\n        name\n        ministry {\n          code\n        }\n      }\n      profile {\n        ...ProfileFormFields\n      }\n    }\n    ministries(first: 100) {\n      edges {\n        node {\n          code\n          name\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    grades(first: 100) {\n      edges {\n        node {\n          code\n          label\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          id\n          title\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ProfileFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Organisations($ministry: String, $first: Int!) {\n    organisations(ministry: $ministry, first: $first) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrganisationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AllOrganisations($first: Int!, $after: String) {\n    organisations(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AllOrganisationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateMyProfile($input: UpdateMyProfileInput!) {\n    updateMyProfile(input: $input) {\n      profile {\n        ...ProfileFormFields\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateMyProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RemovedSkillFields on RemovedSkill {\n    removedAt\n    skill {\n      id\n      code\n      name\n      framework {\n        code\n        name\n      }\n    }\n    history {\n      ...SkillVersionFields\n    }\n  }\n"): typeof import('./graphql').RemovedSkillFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RemovedSkills($id: ID!) {\n    profile(id: $id) {\n      id\n      removedSkills {\n        ...RemovedSkillFields\n      }\n    }\n  }\n"): typeof import('./graphql').RemovedSkillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewedEvidence on DeclaredSkill {\n    evidence {\n      id\n      kind\n      title\n      description\n      score\n      obtainedOn\n      url\n    }\n  }\n"): typeof import('./graphql').ReviewedEvidenceFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SaveSearch($input: SaveSearchInput!) {\n    saveSearch(input: $input) {\n      savedSearch {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').SaveSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SkillVersionFields on SkillVersion {\n    version\n    change\n    topRank\n    comment\n    validFrom\n    level {\n      value\n      code\n      label\n    }\n    validatedLevel {\n      value\n      code\n    }\n  }\n"): typeof import('./graphql').SkillVersionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SkillHistoryFields on DeclaredSkill {\n    history {\n      ...SkillVersionFields\n    }\n  }\n"): typeof import('./graphql').SkillHistoryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchSkills($search: String!, $framework: String, $first: Int!) {\n    skills(search: $search, framework: $framework, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          name\n          nameEn\n          framework {\n            code\n            name\n          }\n          domain {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchSkillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RankTopSkills($input: RankTopSkillsInput!) {\n    rankTopSkills(input: $input) {\n      profile {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').RankTopSkillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventSummaryFields on Event {\n    id\n    title\n    kind\n    format\n    status\n    startsAt\n    endsAt\n    timeZone\n    capacity\n    seatsLeft\n    registeredCount\n    waitlistCount\n    registrationDeadline\n    region {\n      id\n      name\n    }\n    community {\n      id\n      code\n      name\n    }\n    myRegistration {\n      status\n      waitlistPosition\n    }\n  }\n"): typeof import('./graphql').EventSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Events($filter: EventFilter, $first: Int!, $after: String) {\n    events(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...EventSummaryFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventFilterOptions {\n    communities(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    skills(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          framework {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EventFilterOptionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EventRegistrationFields on Registration {\n    status\n    waitlistPosition\n    registeredAt\n    attended\n    participant {\n      agentId\n      givenName\n      usualName\n      email\n      organisationLabel\n    }\n  }\n"): typeof import('./graphql').EventRegistrationFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventPage($id: ID!) {\n    event(id: $id) {\n      ...EventSummaryFields\n      description\n      descriptionHtml\n      address\n      onlineUrl\n      onlineUrlHidden\n      publishedAt\n      cancelledAt\n      viewerCanManage\n      viewerCanChange\n      skills {\n        id\n        code\n        name\n        framework {\n          code\n        }\n      }\n      myRegistration {\n        status\n        waitlistPosition\n        attended\n        registeredAt\n        updatedAt\n      }\n    }\n  }\n"): typeof import('./graphql').EventPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventPeople($id: ID!, $first: Int!) {\n    event(id: $id) {\n      id\n      participants(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...EventRegistrationFields\n          }\n        }\n      }\n      waitlist(first: $first) {\n        totalCount\n        edges {\n          node {\n            ...EventRegistrationFields\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EventPeopleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventForm($id: ID!) {\n    event(id: $id) {\n      id\n      title\n      description\n      kind\n      format\n      status\n      address\n      onlineUrl\n      startsAt\n      endsAt\n      timeZone\n      capacity\n      registeredCount\n      registrationDeadline\n      viewerCanManage\n      viewerCanChange\n      region {\n        id\n      }\n      skills {\n        id\n        code\n        name\n      }\n      community {\n        id\n        code\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').EventFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventCommunities {\n    communities(first: 100) {\n      edges {\n        node {\n          id\n          code\n          name\n          viewerRole\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EventCommunitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EventCommunity($code: String!) {\n    community(code: $code) {\n      id\n      code\n      name\n      archivedAt\n      viewerRole\n      skills {\n        id\n        code\n        name\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').EventCommunityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateEvent($input: CreateEventInput!) {\n    createEvent(input: $input) {\n      event {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').CreateEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateEvent($input: UpdateEventInput!) {\n    updateEvent(input: $input) {\n      event {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PublishEvent($input: PublishEventInput!) {\n    publishEvent(input: $input) {\n      event {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').PublishEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelEvent($input: CancelEventInput!) {\n    cancelEvent(input: $input) {\n      event {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').CancelEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegisterForEvent($input: RegisterForEventInput!) {\n    registerForEvent(input: $input) {\n      registration {\n        status\n        waitlistPosition\n      }\n    }\n  }\n"): typeof import('./graphql').RegisterForEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnregisterFromEvent($input: UnregisterFromEventInput!) {\n    unregisterFromEvent(input: $input) {\n      registration {\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').UnregisterFromEventDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkAttendance($input: MarkAttendanceInput!) {\n    markAttendance(input: $input) {\n      registration {\n        attended\n      }\n    }\n  }\n"): typeof import('./graphql').MarkAttendanceDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadNotifications {\n    me {\n      id\n      notifications(first: 0) {\n        unreadCount\n      }\n    }\n  }\n"): typeof import('./graphql').UnreadNotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int!, $after: String) {\n    me {\n      id\n      notifications(first: $first, after: $after) {\n        totalCount\n        unreadCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            kind\n            label\n            createdAt\n            readAt\n            event {\n              id\n              title\n              startsAt\n              cancelled\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($input: MarkNotificationsReadInput!) {\n    markNotificationsRead(input: $input) {\n      markedCount\n      unreadCount\n    }\n  }\n"): typeof import('./graphql').MarkNotificationsReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query NotificationPreferences {\n    me {\n      id\n      email\n      notificationPreferences {\n        delivery\n        byEmail\n        emailAvailable\n        quietHoursStart\n        quietHoursEnd\n        digestDay\n        digestTime\n        updatedAt\n      }\n    }\n  }\n"): typeof import('./graphql').NotificationPreferencesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($input: UpdateNotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      preferences {\n        delivery\n        byEmail\n        emailAvailable\n        quietHoursStart\n        quietHoursEnd\n        digestDay\n        digestTime\n        updatedAt\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateNotificationPreferencesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyCalendarFeed {\n    me {\n      id\n      calendarFeed {\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').MyCalendarFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCalendarFeed {\n    createCalendarFeed {\n      calendarFeed {\n        url\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').CreateCalendarFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenewCalendarFeed {\n    renewCalendarFeed {\n      calendarFeed {\n        url\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').RenewCalendarFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeCalendarFeed {\n    revokeCalendarFeed {\n      revoked\n    }\n  }\n"): typeof import('./graphql').RevokeCalendarFeedDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdministeredUser on User {\n    id\n    givenName\n    usualName\n    email\n    organisationLabel\n    accessRoles\n  }\n"): typeof import('./graphql').AdministeredUserFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Users($search: String!, $first: Int!, $after: String) {\n    users(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...AdministeredUser\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').UsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantAccessRole($input: GrantAccessRoleInput!) {\n    grantAccessRole(input: $input) {\n      agentId\n      accessRoles\n    }\n  }\n"): typeof import('./graphql').GrantAccessRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeAccessRole($input: RevokeAccessRoleInput!) {\n    revokeAccessRole(input: $input) {\n      agentId\n      accessRoles\n    }\n  }\n"): typeof import('./graphql').RevokeAccessRoleDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminCommunity on Community {\n    id\n    code\n    name\n    description\n    memberCount\n    archivedAt\n    skills {\n      id\n      code\n      name\n      framework {\n        name\n      }\n    }\n    animators {\n      agentId\n      givenName\n      usualName\n    }\n  }\n"): typeof import('./graphql').AdminCommunityFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCommunities {\n    communities(first: 100, includeArchived: true) {\n      totalCount\n      edges {\n        node {\n          ...AdminCommunity\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AdminCommunitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Framework($code: String!) {\n    framework(code: $code) {\n      code\n      name\n      description\n      levels {\n        value\n        code\n        label\n        description\n      }\n      domains {\n        code\n        name\n        skills(first: 100) {\n          totalCount\n          edges {\n            node {\n              id\n              code\n              name\n              nameEn\n              description\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FrameworkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Frameworks {\n    frameworks(first: 100) {\n      totalCount\n      edges {\n        node {\n          code\n          name\n          description\n          levels {\n            value\n          }\n          domains {\n            code\n          }\n          skills(first: 1) {\n            totalCount\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FrameworksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeSkills($id: ID!) {\n    profile(id: $id) {\n      id\n      skills {\n        declaredAt\n      }\n    }\n  }\n"): typeof import('./graphql').HomeSkillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyProfileViews($first: Int!, $after: String) {\n    myProfileViews(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          at\n          viewerName\n          viewerOrganisation\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyProfileViewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteMyAccount($input: DeleteMyAccountInput!) {\n    deleteMyAccount(input: $input) {\n      deleted\n    }\n  }\n"): typeof import('./graphql').DeleteMyAccountDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FilterSkills($search: String!, $first: Int!) {\n    skills(search: $search, first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          code\n          name\n          description\n          levels {\n            value\n            code\n            label\n            description\n          }\n          framework {\n            code\n            name\n          }\n          domain {\n            code\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FilterSkillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EndorseSkill($input: EndorseSkillInput!) {\n    endorseSkill(input: $input) {\n      skill {\n        endorsementCount\n        endorsedByMe\n      }\n    }\n  }\n"): typeof import('./graphql').EndorseSkillDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateSkill($input: ValidateSkillInput!) {\n    validateSkill(input: $input) {\n      skill {\n        validationStatus\n      }\n    }\n  }\n"): typeof import('./graphql').ValidateSkillDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SkillsFramework($code: String!) {\n    framework(code: $code) {\n      code\n      name\n      levels {\n        value\n        code\n        label\n        description\n      }\n      domains {\n        code\n        name\n        skills(first: 100) {\n          edges {\n            node {\n              id\n              code\n              name\n              description\n              levels {\n                value\n                code\n                label\n                description\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SkillsFrameworkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Profile($id: ID!) {\n    profile(id: $id) {\n      id\n      isMe\n      givenName\n      usualName\n      email\n      bio\n      visibility\n      visibilityChosen\n      openToMobility\n      willingToMentor\n      organisation {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      grade {\n        code\n        label\n      }\n      currentRole {\n        id\n        title\n      }\n      targetRoles {\n        id\n        title\n      }\n      mobilityFamilies\n      mobilityRegions {\n        id\n        name\n      }\n      skills {\n        ...DeclaredSkillFields\n        ...SkillHistoryFields\n        ...ReviewedEvidence\n        declaredAt\n        updatedAt\n        endorsedByMe\n        endorsers {\n          id\n          givenName\n          usualName\n        }\n        skill {\n          id\n          levels {\n            value\n            code\n            label\n            description\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ProfileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      givenName\n      usualName\n      email\n      organisationLabel\n      accessRoles\n      animatedCommunities {\n        code\n        name\n      }\n      profile {\n        id\n        visibilityChosen\n      }\n    }\n  }\n"): typeof import('./graphql').MeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunSavedSearch($after: String, $first: Int!, $runAfter: String) {\n    mySavedSearches(first: 1, after: $after) {\n      edges {\n        node {\n          id\n          run(first: $first, after: $runAfter) {\n            totalCount\n            newCount\n            pageInfo {\n              hasNextPage\n              endCursor\n            }\n            edges {\n              score\n              isNew\n              node {\n                id\n                givenName\n                usualName\n                organisation {\n                  id\n                  name\n                }\n                currentRole {\n                  id\n                  title\n                }\n                region {\n                  id\n                  name\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RunSavedSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSavedSearch($input: DeleteSavedSearchInput!) {\n    deleteSavedSearch(input: $input) {\n      savedSearchId\n    }\n  }\n"): typeof import('./graphql').DeleteSavedSearchDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShortlistEntries($id: ID!, $first: Int!, $after: String) {\n    shortlist(id: $id) {\n      id\n      entries(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            note\n            addedAt\n            updatedAt\n            profile {\n              id\n              givenName\n              usualName\n              organisation {\n                id\n                name\n              }\n              currentRole {\n                id\n                title\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ShortlistEntriesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameShortlist($input: RenameShortlistInput!) {\n    renameShortlist(input: $input) {\n      shortlist {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').RenameShortlistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteShortlist($input: DeleteShortlistInput!) {\n    deleteShortlist(input: $input) {\n      shortlistId\n    }\n  }\n"): typeof import('./graphql').DeleteShortlistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcknowledgeShortlistDepartures($input: AcknowledgeShortlistDeparturesInput!) {\n    acknowledgeShortlistDepartures(input: $input) {\n      shortlist {\n        id\n        departedCount\n      }\n    }\n  }\n"): typeof import('./graphql').AcknowledgeShortlistDeparturesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateShortlistNote($input: UpdateShortlistNoteInput!) {\n    updateShortlistNote(input: $input) {\n      entry {\n        note\n      }\n    }\n  }\n"): typeof import('./graphql').UpdateShortlistNoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveFromShortlist($input: RemoveFromShortlistInput!) {\n    removeFromShortlist(input: $input) {\n      agentId\n    }\n  }\n"): typeof import('./graphql').RemoveFromShortlistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyShortlists {\n    myShortlists(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          entryCount\n          departedCount\n          updatedAt\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyShortlistsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MySavedSearches {\n    mySavedSearches(first: 50) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          name\n          createdAt\n          lastRunAt\n          newCount\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MySavedSearchesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TalentReferentials {\n    ministries(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    organisations(first: 100) {\n      edges {\n        node {\n          id\n          name\n          type\n          ministry {\n            id\n          }\n        }\n      }\n    }\n    regions(first: 100) {\n      edges {\n        node {\n          id\n          name\n        }\n      }\n    }\n    grades(first: 100) {\n      edges {\n        node {\n          code\n          label\n        }\n      }\n    }\n    roles(first: 100) {\n      edges {\n        node {\n          id\n          title\n          family\n        }\n      }\n    }\n    skills(first: 100) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...TalentSkillFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').TalentReferentialsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TalentSkillFields on Skill {\n    id\n    code\n    name\n    framework {\n      code\n      name\n    }\n    levels {\n      value\n      code\n      label\n    }\n  }\n"): typeof import('./graphql').TalentSkillFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query FindTalentSkills($search: String!, $first: Int!) {\n    skills(search: $search, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...TalentSkillFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').FindTalentSkillsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TalentResultFields on TalentEdge {\n    cursor\n    score\n    explanation {\n      required\n      points\n      validated\n      changedOn\n      recency\n      level {\n        code\n        label\n      }\n      skill {\n        id\n        code\n        name\n        framework {\n          name\n        }\n      }\n    }\n    node {\n      id\n      givenName\n      usualName\n      openToMobility\n      willingToMentor\n      organisation {\n        id\n        name\n      }\n      region {\n        id\n        name\n      }\n      grade {\n        code\n        label\n      }\n      currentRole {\n        id\n        title\n      }\n    }\n  }\n"): typeof import('./graphql').TalentResultFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchTalent($filter: TalentFilter!, $first: Int!, $after: String, $facets: Boolean!) {\n    searchTalent(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        ...TalentResultFields\n      }\n      facets @include(if: $facets) {\n        ministries {\n          count\n          ministry {\n            id\n            name\n          }\n        }\n        regions {\n          count\n          region {\n            id\n            name\n          }\n        }\n        grades {\n          count\n          grade {\n            code\n            label\n          }\n        }\n        organisationTypes {\n          count\n          type\n        }\n        currentRoleFamilies {\n          count\n          family\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchTalentDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
