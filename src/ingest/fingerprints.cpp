// The tables behind fingerprints.h: the header fingerprints of
// Salesforce (API names in any case, and report labels), HubSpot (labels and
// internal names) and Marketo, and the layout detector. Header spellings come from
// ../shared/reference/export-formats.md §1–3.
#include "ingest/fingerprints.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "baton/inputs.h"
#include "baton/values.h"

namespace baton {
namespace {

using F = Field;
using Aliases = std::vector<std::pair<Field, std::vector<std::string_view>>>;

// Marketo's bulk activity extract: one row per activity, its type by id, details
// in a JSON "attributes" cell (export-formats.md §3).
Fingerprint MarketoActivityLog() {
  return {"marketo",
          Kind::kActivities,
          "Marketo activity log",
          {{"marketoguid"}, {"leadid"}, {"activitytypeid"}, {"activitydate"}},
          {},
          {{F::kPersonId, {"leadid"}},
           {F::kCreatedAt, {"activitydate"}},
           {F::kTypeId, {"activitytypeid"}},
           {F::kCampaignId, {"campaignid"}},
           {F::kPrimaryValue, {"primaryattributevalue"}},
           {F::kAttributes, {"attributes"}}},
          Shape::kMarketoActivityLog};
}

// HubSpot calls, meetings, emails and tasks exports (labels and internal names):
// touches, timed by their creation ("Create Date"), not by the "Activity date" a
// rep can set.
void AddHubSpotActivities(std::vector<Fingerprint>& out) {
  out.push_back(
      {"hubspot",
       Kind::kActivities,
       "HubSpot activities (calls, meetings, emails, tasks)",
       {{"record id", "hs_object_id"},
        {"activity date", "hs_timestamp", "due date", "meeting start time"},
        {"activity assigned to", "assigned to", "call outcome", "call direction", "call status",
         "task type", "task status", "meeting outcome", "email direction", "hs_call_direction",
         "hs_task_type", "hs_meeting_outcome", "hs_email_direction"}},
       {"deal name", "dealname", "email", "lifecycle stage"},
       {{F::kPersonId, {"associated contact ids", "associated contact id"}},
        {F::kCreatedAt, {"create date", "created at", "hs_createdate"}},
        {F::kActivityAt,
         {"activity date", "meeting start time", "hs_timestamp", "hs_meeting_start_time"}},
        {F::kType, {"call and meeting type", "task type", "hs_activity_type", "hs_task_type"}},
        {F::kOwner, {"activity assigned to", "assigned to", "hubspot_owner_id"}}}});
}

// Pardot (Salesforce Account Engagement): prospects (API v3/v4 snake_case, v5
// camelCase), lifecycle history with its stage table, visitor activities.
void AddPardot(std::vector<Fingerprint>& out) {
  out.push_back(
      {"pardot",
       Kind::kPeople,
       "Pardot prospects",
       {{"id", "prospect id"},
        {"email"},
        {"created_at", "createdat", "created date"},
        {"crm_lead_fid", "crm_contact_fid", "salesforceleadid", "salesforcecontactid", "grade",
         "crm lead fid", "crm contact fid", "prospect_account_id", "prospectaccountid",
         "lifecyclestageid", "assignedtoid"}},
       {},
       {{F::kId, {"id", "prospect id"}},
        {F::kEmail, {"email"}},
        {F::kCreatedAt, {"created_at", "createdat", "created date"}},
        {F::kSource, {"source"}},
        {F::kCampaign, {"campaign", "campaign_name", "campaign name"}},
        {F::kOwner,
         {"assigned_to", "assigned user", "assigned to", "assignedtoname", "user", "crm_owner_fid",
          "salesforceownerid"}},
        {F::kScore, {"score"}},
        {F::kGrade, {"grade"}},
        {F::kFirstName, {"first_name", "firstname", "first name"}},
        {F::kLastName, {"last_name", "lastname", "last name"}},
        {F::kCrmLeadId, {"crm_lead_fid", "salesforceleadid", "crm lead fid"}},
        {F::kCrmContactId, {"crm_contact_fid", "salesforcecontactid", "crm contact fid"}}}});
  out.push_back({"pardot",
                 Kind::kStageHistory,
                 "Pardot lifecycle history",
                 {{"prospect_id", "prospectid"},
                  {"next_stage_id", "nextstageid"},
                  {"created_at", "createdat"}},
                 {},
                 {{F::kPersonId, {"prospect_id", "prospectid"}},
                  {F::kStage, {"next_stage_id", "nextstageid"}},
                  {F::kOldValue, {"previous_stage_id", "previousstageid"}},
                  {F::kCreatedAt, {"created_at", "createdat"}}},
                 Shape::kPardotLifecycle});
  out.push_back(
      {"pardot",
       Kind::kNames,
       "Pardot lifecycle stages",
       {{"id"}, {"name"}, {"position", "is_locked", "islocked", "match_type", "matchtype"}},
       {"prospect_id", "prospectid", "email"},
       {{F::kId, {"id"}}, {F::kName, {"name"}}},
       Shape::kPardotStageTable});
  out.push_back({"pardot",
                 Kind::kActivities,
                 "Pardot visitor activities",
                 {{"prospect_id", "prospectid"},
                  {"type"},
                  {"type_name", "typename", "details"},
                  {"created_at", "createdat"}},
                 {"next_stage_id", "nextstageid"},
                 {{F::kPersonId, {"prospect_id", "prospectid"}},
                  {F::kCreatedAt, {"created_at", "createdat"}},
                  {F::kTypeId, {"type"}},
                  {F::kType, {"type_name", "typename"}},
                  {F::kPrimaryValue, {"details"}},
                  {F::kCampaignId, {"campaign_id", "campaignid"}},
                  {F::kCampaign, {"campaign", "campaign_name", "campaign.name"}}},
                 Shape::kPardotVisitorActivity});
}

// Zoho CRM: the classic export (LEADID, POTENTIALID, "15 Apr, 2021 00:03:00") and
// the newer one ("Record Id", "Deal Owner").
void AddZoho(std::vector<Fingerprint>& out) {
  out.push_back({"zoho",
                 Kind::kPeople,
                 "Zoho CRM leads",
                 {{"lead owner"}, {"lead status", "lead source"}, {"created time"}},
                 {},
                 {{F::kId, {"leadid", "record id", "lead id", "id"}},
                  {F::kEmail, {"email"}},
                  {F::kCreatedAt, {"created time"}},
                  {F::kOwner, {"lead owner"}},
                  {F::kSource, {"lead source"}},
                  {F::kStatus, {"lead status"}},
                  // Einstein Lead Scoring shows as "Lead Score" in a report.
                  {F::kScore, {"lead score", "score"}},
                  {F::kGrade, {"grade", "rating"}},
                  {F::kFirstName, {"first name"}},
                  {F::kLastName, {"last name"}}}});
  out.push_back({"zoho",
                 Kind::kOpportunities,
                 "Zoho CRM deals (potentials)",
                 {{"deal owner", "potential owner"}, {"stage"}, {"closing date"}},
                 {},
                 // A Potentials export without POTENTIALID is keyed by its LEADID
                 // (one deal per lead; check lists a repeated one).
                 {{F::kId, {"potentialid", "record id", "deal id", "id", "leadid"}},
                  {F::kContactIds, {"contactid", "contact name id", "leadid"}},
                  {F::kCreatedAt, {"created time"}},
                  {F::kCloseDate, {"closing date"}},
                  {F::kAmount, {"amount"}},
                  {F::kStage, {"stage"}},
                  {F::kOwner, {"deal owner", "potential owner"}},
                  {F::kSource, {"lead source"}},
                  {F::kCampaign, {"campaign source", "campaign id"}}}});
  out.push_back({"zoho",
                 Kind::kActivities,
                 "Zoho CRM calls",
                 {{"call owner"}, {"call start time"}, {"call type", "call purpose", "subject"}},
                 {},
                 {{F::kPersonId, {"leadid", "who id id"}},
                  {F::kContactId, {"contactid"}},
                  {F::kCreatedAt, {"created time"}},
                  {F::kActivityAt, {"call start time"}},
                  {F::kType, {"call type"}},
                  {F::kOwner, {"call owner"}}}});
  out.push_back({"zoho",
                 Kind::kActivities,
                 "Zoho CRM events (meetings)",
                 {{"event owner", "host"}, {"start datetime", "from"}, {"end datetime", "to"}},
                 {},
                 {{F::kPersonId, {"leadid", "who id id"}},
                  {F::kContactId, {"contactid"}},
                  {F::kCreatedAt, {"created time"}},
                  {F::kActivityAt, {"start datetime", "from"}},
                  {F::kAllDay, {"all day"}},
                  {F::kOwner, {"event owner", "host"}}}});
  out.push_back({"zoho",
                 Kind::kCampaigns,
                 "Zoho CRM campaigns",
                 {{"campaign name"}, {"campaignid", "record id"}, {"actual cost", "budgeted cost"}},
                 {},
                 {{F::kId, {"campaignid", "record id"}},
                  {F::kName, {"campaign name"}},
                  {F::kChannel, {"type"}},
                  {F::kStartDate, {"start date"}},
                  {F::kEndDate, {"end date"}},
                  {F::kAmount, {"actual cost"}}}});
}

// Pipedrive: the account export (deals-<company>-<n>.csv: "Title", "Deal
// created") and list-view exports ("Deal - Title"), in English, German, Spanish,
// French, Portuguese and Czech. Headers: README "Systems".
void AddPipedrive(std::vector<Fingerprint>& out) {
  // One name per language for each field; a list-view header is "ENTITY - FIELD".
  // Account export, English and Portuguese (Brazil).
  out.push_back(
      {"pipedrive",
       Kind::kOpportunities,
       "Pipedrive deals (account export)",
       {{"title", "título", "titel", "titre"},
        {"deal created", "negócio criado em", "deal erstellt", "affaire créée",
         "negocio creado el"},
        {"won time", "ganho em", "datum des gewonnenen deals", "date de gain", "fecha de ganado"}},
       {},
       {{F::kId, {"id"}},
        {F::kCreatedAt,
         {"deal created", "negócio criado em", "deal erstellt", "affaire créée",
          "negocio creado el"}},
        {F::kCloseDate,
         {"won time", "ganho em", "datum des gewonnenen deals", "date de gain", "fecha de ganado"}},
        {F::kLostAt, {"lost time", "data de perda", "datum des verlorenen deals", "date de perte"}},
        {F::kAmount, {"value", "valor", "wert", "valeur"}},
        {F::kCurrency, {"currency of value", "moeda de valor"}},
        {F::kStage, {"stage", "etapa", "phase", "étape"}},
        {F::kPipeline, {"pipeline", "funil"}},
        {F::kDealStatus, {"status", "statut", "estado"}},
        {F::kOwner, {"owner", "proprietário", "besitzer", "propietario"}},
        {F::kContactIds, {"contact person id", "id da pessoa de contato"}},
        {F::kSource, {"source channel", "canal de origem"}}}});
  out.push_back({"pipedrive",
                 Kind::kActivities,
                 "Pipedrive activities (account export)",
                 {{"subject", "assunto"},
                  {"marked as done time", "data e hora de conclusão"},
                  {"contact person id", "id da pessoa de contato"}},
                 {},
                 {{F::kPersonId, {"contact person id", "id da pessoa de contato"}},
                  {F::kDoneAt, {"marked as done time", "data e hora de conclusão"}},
                  {F::kType, {"type", "tipo"}},
                  {F::kOwner, {"assigned to user", "atribuído a usuário"}}}});
  out.push_back({"pipedrive",
                 Kind::kPeople,
                 "Pipedrive people (account export)",
                 {{"person created", "pessoa criada em"}, {"name", "nome"}, {"id"}},
                 {},
                 {{F::kId, {"id"}},
                  {F::kEmail, {"email - work", "email", "e-mail - trabalho", "e-mail"}},
                  {F::kCreatedAt, {"person created", "pessoa criada em"}},
                  {F::kOwner, {"owner", "proprietário"}}}});
  // List-view exports: "Deal - Title" and its translations.
  out.push_back(
      {"pipedrive",
       Kind::kOpportunities,
       "Pipedrive deals (list export)",
       {{"deal - title", "deal - titel", "negocio - título", "affaire - titre", "negócio - título",
         "obchod - název"},
        {"deal - status", "negocio - estado", "affaire - statut", "negócio - status",
         "obchod - stav"}},
       {},
       {{F::kId, {"deal - id", "negocio - id", "affaire - id", "negócio - id", "obchod - id"}},
        {F::kCreatedAt,
         {"deal - deal created", "deal - deal created on", "deal - deal erstellt",
          "negocio - negocio creado el", "affaire - affaire créée", "negócio - negócio criado em",
          "obchod - obchod vytvořen"}},
        {F::kCloseDate,
         {"deal - won time", "deal - datum des gewonnenen deals", "negocio - fecha de ganado",
          "affaire - date de gain", "negócio - ganho em", "obchod - čas výhry"}},
        {F::kLostAt,
         {"deal - lost time", "deal - datum des verlorenen deals", "affaire - date de perte",
          "negócio - data de perda", "obchod - čas prohry"}},
        {F::kAmount,
         {"deal - value", "deal - wert", "negocio - valor", "affaire - valeur", "negócio - valor",
          "obchod - hodnota"}},
        {F::kCurrency, {"deal - currency of value", "negócio - moeda de valor"}},
        {F::kStage,
         {"deal - stage", "deal - phase", "negocio - etapa", "affaire - étape", "negócio - etapa",
          "obchod - fáze"}},
        {F::kPipeline,
         {"deal - pipeline", "negocio - embudo", "affaire - pipeline", "negócio - funil",
          "obchod - pipeline"}},
        {F::kDealStatus,
         {"deal - status", "negocio - estado", "affaire - statut", "negócio - status",
          "obchod - stav"}},
        {F::kOwner,
         {"deal - owner", "deal - besitzer", "negocio - propietario", "affaire - propriétaire",
          "negócio - proprietário", "obchod - vlastník"}},
        {F::kContactIds,
         {"deal - contact person id", "person - id", "personne - id", "pessoa - id", "persona - id",
          "osoba - id"}},
        {F::kEmail,
         {"person - email - work", "person - email", "personne - e-mail - travail",
          "personne - e-mail", "pessoa - e-mail - trabalho", "pessoa - email - work",
          "pessoa - e-mail", "persona - correo electrónico", "osoba - e-mail"}},
        {F::kSource, {"deal - source channel", "negócio - canal de origem"}}}});
  out.push_back({"pipedrive",
                 Kind::kActivities,
                 "Pipedrive activities (list export)",
                 {{"activity - subject", "aktivität - betreff", "actividad - asunto",
                   "activité - sujet", "atividade - assunto", "aktivita - předmět"},
                  {"activity - marked as done time", "aktivität - als erledigt markiert",
                   "actividad - marcada como completada", "activité - marquée comme terminée",
                   "atividade - data e hora de conclusão", "aktivita - označeno jako hotové"}},
                 // a list of one kind: a deal or person list names no activity subject
                 {"deal - title", "deal - titel", "negocio - título", "affaire - titre",
                  "negócio - título", "obchod - název"},
                 {{F::kPersonId,
                   {"activity - contact person id", "person - id", "personne - id", "pessoa - id",
                    "persona - id", "osoba - id"}},
                  {F::kDoneAt,
                   {"activity - marked as done time", "aktivität - als erledigt markiert",
                    "actividad - marcada como completada", "activité - marquée comme terminée",
                    "atividade - data e hora de conclusão", "aktivita - označeno jako hotové"}},
                  {F::kType,
                   {"activity - type", "aktivität - typ", "actividad - tipo", "activité - type",
                    "atividade - tipo", "aktivita - typ"}},
                  {F::kOwner,
                   {"activity - assigned to user", "aktivität - zugewiesen an benutzer",
                    "actividad - asignado al usuario", "activité - attribué à l'utilisateur",
                    "atividade - atribuído a usuário", "aktivita - přiřazeno uživateli"}}}});
  out.push_back(
      {"pipedrive",
       Kind::kPeople,
       "Pipedrive people (list export)",
       {{"person - name", "person - id", "personne - nom", "pessoa - nome", "persona - nombre",
         "osoba - jméno a příjmení"},
        {"person - person created", "personne - personne créée", "pessoa - pessoa criada em",
         "persona - persona creada", "osoba - osoba vytvořena"}},
       {"deal - title", "deal - titel", "negocio - título", "affaire - titre", "negócio - título",
        "obchod - název", "activity - subject", "aktivität - betreff", "actividad - asunto",
        "activité - sujet", "atividade - assunto", "aktivita - předmět"},
       {{F::kId, {"person - id", "personne - id", "pessoa - id", "persona - id", "osoba - id"}},
        {F::kEmail,
         {"person - email - work", "person - email", "personne - e-mail - travail",
          "personne - e-mail", "pessoa - e-mail - trabalho", "pessoa - email - work",
          "pessoa - e-mail", "persona - correo electrónico", "osoba - e-mail"}},
        {F::kCreatedAt,
         {"person - person created", "personne - personne créée", "pessoa - pessoa criada em",
          "persona - persona creada", "osoba - osoba vytvořena"}},
        {F::kOwner,
         {"person - owner", "personne - propriétaire", "pessoa - proprietário",
          "persona - propietario", "osoba - vlastník"}}}});
}

std::vector<Fingerprint> BuildFingerprints() {
  std::vector<Fingerprint> out;
  // Salesforce: Data Loader / Data Export (API names) and report exports (labels).
  out.push_back({"salesforce",
                 Kind::kPeople,
                 "Salesforce Lead (API names)",
                 {{"id"}, {"status"}, {"isconverted", "convertedcontactid", "converteddate"}},
                 {},
                 {{F::kId, {"id"}},
                  {F::kEmail, {"email"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kSource, {"leadsource"}},
                  {F::kOwner, {"ownerid"}},
                  {F::kOwnerName, {"owner.name", "ownername"}},
                  {F::kStatus, {"status"}},
                  {F::kScore, {"score__c", "lead_score__c", "pi__score__c"}},
                  {F::kGrade, {"pi__grade__c", "rating"}},
                  {F::kFirstName, {"firstname"}},
                  {F::kLastName, {"lastname"}},
                  {F::kConvertedContactId, {"convertedcontactid"}},
                  {F::kConvertedOpportunityId, {"convertedopportunityid"}}}});
  out.push_back({"salesforce",
                 Kind::kPeople,
                 "Salesforce Lead (report export)",
                 {{"lead status"}, {"lead owner", "lead id"}},
                 {},
                 {{F::kId, {"lead id"}},
                  {F::kEmail, {"email"}},
                  {F::kCreatedAt, {"create date", "created date"}},
                  {F::kSource, {"lead source"}},
                  {F::kOwner, {"lead owner"}},
                  {F::kStatus, {"lead status"}},
                  {F::kFirstName, {"first name"}},
                  {F::kLastName, {"last name"}}}});
  out.push_back({"salesforce",
                 Kind::kPeople,
                 "Salesforce Contact (API names)",
                 {{"id"}, {"accountid"}, {"email", "lastname"}},
                 {"stagename", "opportunityid", "whoid", "role"},
                 {{F::kId, {"id"}},
                  {F::kEmail, {"email"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kSource, {"leadsource"}},
                  {F::kOwner, {"ownerid"}},
                  {F::kOwnerName, {"owner.name", "ownername"}},
                  {F::kFirstName, {"firstname"}},
                  {F::kLastName, {"lastname"}}}});
  out.push_back({"salesforce",
                 Kind::kOpportunities,
                 "Salesforce Opportunity (API names)",
                 {{"id"}, {"stagename"}, {"closedate"}},
                 {"opportunityid"},
                 {{F::kId, {"id"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kCloseDate, {"closedate"}},
                  {F::kAmount, {"amount"}},
                  {F::kCurrency, {"currencyisocode"}},
                  {F::kStage, {"stagename"}},
                  {F::kIsWon, {"iswon"}},
                  {F::kIsClosed, {"isclosed"}},
                  {F::kOwner, {"ownerid"}},
                  {F::kOwnerName, {"owner.name", "ownername"}},
                  {F::kContactIds, {"contactid"}},
                  {F::kCampaign, {"campaignid"}},
                  {F::kSource, {"leadsource"}}}});
  out.push_back({"salesforce",
                 Kind::kOpportunities,
                 "Salesforce Opportunity (report export)",
                 {{"opportunity name"}, {"stage"}, {"close date"}},
                 {},
                 {{F::kId, {"opportunity id"}},
                  {F::kCreatedAt, {"created date", "create date"}},
                  {F::kCloseDate, {"close date"}},
                  {F::kAmount, {"amount"}},
                  {F::kCurrency, {"opportunity currency", "amount currency"}},
                  {F::kStage, {"stage"}},
                  {F::kIsWon, {"won"}},
                  {F::kIsClosed, {"closed"}},
                  {F::kOwner, {"opportunity owner"}},
                  {F::kSource, {"lead source"}}}});
  out.push_back({"salesforce",
                 Kind::kStageHistory,
                 "Salesforce OpportunityHistory",
                 {{"opportunityid"}, {"stagename"}, {"createddate"}},
                 {"field"},
                 {{F::kOpportunityId, {"opportunityid"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kStage, {"stagename"}}}});
  out.push_back({"salesforce",
                 Kind::kStageHistory,
                 "Salesforce OpportunityFieldHistory",
                 {{"opportunityid"}, {"field"}, {"newvalue"}},
                 {},
                 {{F::kOpportunityId, {"opportunityid"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kChangedField, {"field"}},
                  {F::kNewValue, {"newvalue"}}}});
  out.push_back({"salesforce",
                 Kind::kStageHistory,
                 "Salesforce LeadHistory",
                 {{"leadid"}, {"field"}, {"newvalue"}},
                 {},
                 {{F::kLeadId, {"leadid"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kChangedField, {"field"}},
                  {F::kNewValue, {"newvalue"}},
                  {F::kOldValue, {"oldvalue"}}}});
  out.push_back({"salesforce",
                 Kind::kLinks,
                 "Salesforce OpportunityContactRole",
                 {{"opportunityid"}, {"contactid"}, {"role", "isprimary"}},
                 {},
                 {{F::kOpportunityId, {"opportunityid"}}, {F::kContactId, {"contactid"}}}});
  out.push_back({"salesforce",
                 Kind::kActivities,
                 "Salesforce Task",
                 {{"whoid"}, {"subject"}, {"activitydate", "tasksubtype"}},
                 {"startdatetime"},
                 {{F::kPersonId, {"whoid"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kType, {"tasksubtype", "type"}},
                  {F::kOwner, {"ownerid"}}}});
  out.push_back({"salesforce",
                 Kind::kActivities,
                 "Salesforce Event",
                 {{"whoid"}, {"startdatetime"}, {"durationinminutes", "enddatetime"}},
                 {},
                 {{F::kPersonId, {"whoid"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kActivityAt, {"startdatetime", "activitydatetime"}},
                  {F::kAllDay, {"isalldayevent"}},
                  {F::kType, {"eventsubtype", "type"}},
                  {F::kOwner, {"ownerid"}}}});
  out.push_back({"salesforce",
                 Kind::kCampaigns,
                 "Salesforce Campaign",
                 {{"id"}, {"name"}, {"actualcost", "budgetedcost", "startdate"}},
                 {"stagename", "campaignid", "opportunityid"},
                 {{F::kId, {"id"}},
                  {F::kName, {"name"}},
                  {F::kChannel, {"type"}},
                  {F::kStartDate, {"startdate"}},
                  {F::kEndDate, {"enddate"}},
                  {F::kAmount, {"actualcost"}},
                  {F::kCurrency, {"currencyisocode"}}}});
  out.push_back({"salesforce",
                 Kind::kCampaigns,
                 "Salesforce Campaign (report export)",
                 {{"campaign name"}, {"actual cost in campaign", "actual cost"}},
                 {"day", "reporting starts", "start date (in utc)"},
                 {{F::kId, {"campaign id"}},
                  {F::kName, {"campaign name"}},
                  {F::kChannel, {"type", "campaign type"}},
                  {F::kStartDate, {"start date"}},
                  {F::kEndDate, {"end date"}},
                  {F::kAmount, {"actual cost in campaign", "actual cost"}}}});
  out.push_back({"salesforce",
                 Kind::kCampaignMembers,
                 "Salesforce CampaignMember",
                 {{"campaignid"}, {"leadid", "contactid"}, {"hasresponded", "status"}},
                 {"opportunityid"},
                 {{F::kCampaignId, {"campaignid"}},
                  {F::kLeadId, {"leadid"}},
                  {F::kContactId, {"contactid"}},
                  {F::kCreatedAt, {"createddate"}},
                  {F::kHasResponded, {"hasresponded"}},
                  {F::kRespondedAt, {"firstrespondeddate"}}}});
  // HubSpot: UI exports (labels, any era) and API exports (internal names).
  out.push_back(
      {"hubspot",
       Kind::kPeople,
       "HubSpot contacts",
       {{"record id", "contact id", "hs_object_id", "vid"},
        {"email"},
        {"contact owner", "lifecycle stage", "lifecyclestage", "became a lead date",
         "hubspot_owner_id", "original source", "original traffic source"}},
       {"deal name", "dealname"},
       {{F::kId, {"record id", "contact id", "hs_object_id", "vid"}},
        {F::kEmail, {"email"}},
        {F::kCreatedAt, {"create date", "createdate"}},
        {F::kSource, {"original source", "original traffic source", "hs_analytics_source"}},
        {F::kOwner, {"contact owner", "hubspot_owner_id"}},
        {F::kAssignedAt, {"owner assigned date", "hubspot_owner_assigneddate"}},
        {F::kScore,
         {"hubspot score", "hubspotscore", "likelihood to close", "hs_predictivecontactscore_v2"}},
        {F::kGrade, {"contact priority", "hs_predictivescoringtier"}},
        {F::kStatus, {"lead status", "hs_lead_status"}},
        {F::kLifecycle, {"lifecycle stage", "lifecyclestage"}},
        {F::kFirstName, {"first name", "firstname"}},
        {F::kLastName, {"last name", "lastname"}},
        {F::kDealIds, {"associated deal ids", "associated deal id", "associated deals"}},
        {F::kCampaign,
         {"first touch converting campaign", "hs_analytics_first_touch_converting_campaign"}},
        {F::kFirstEngagementAt,
         {"date of first engagement", "hs_sa_first_engagement_date", "first outreach date",
          "hs_first_outreach_date"}},
        {F::kFirstEngagementType,
         {"type of first engagement", "hs_sa_first_engagement_object_type"}},
        {F::kResponseTime,
         {"lead response time", "lead response time (hh:mm:ss)", "hs_time_to_first_engagement"}}}});
  out.push_back({"hubspot",
                 Kind::kOpportunities,
                 "HubSpot deals",
                 {{"record id", "deal id", "hs_object_id"},
                  {"deal name", "dealname"},
                  {"deal stage", "dealstage", "pipeline", "amount"}},
                 {"closing date"},  // Zoho CRM deals

                 {{F::kId, {"record id", "deal id", "hs_object_id"}},
                  {F::kCreatedAt, {"create date", "createdate"}},
                  {F::kCloseDate, {"close date", "closedate"}},
                  {F::kAmount, {"amount", "amount in company currency"}},
                  {F::kCurrency, {"currency", "deal_currency_code"}},
                  {F::kStage, {"deal stage", "dealstage"}},
                  {F::kPipeline, {"pipeline"}},
                  {F::kOwner, {"deal owner", "hubspot_owner_id"}},
                  {F::kContactIds,
                   {"associated contact ids", "associated contact id", "associated contacts"}}}});
  // HubSpot property history, one row per change (the CRM API's propertiesWithHistory
  // as the Airbyte contacts_property_history stream writes it): lifecycle stage and
  // lead status changes are stage history, HubSpot Score changes score history.
  out.push_back({"hubspot",
                 Kind::kStageHistory,
                 "HubSpot contact property history",
                 {{"contactid", "contact id", "vid", "objectid", "object id"},
                  {"property", "property name"},
                  {"value", "new value"},
                  {"timestamp", "updated at", "date"}},
                 {},
                 {{F::kPersonId, {"contactid", "contact id", "vid", "objectid", "object id"}},
                  {F::kChangedField, {"property", "property name"}},
                  {F::kNewValue, {"value", "new value"}},
                  {F::kCreatedAt, {"timestamp", "updated at", "date"}}}});
  // Marketo bulk lead extract (REST names).
  out.push_back({"marketo",
                 Kind::kPeople,
                 "Marketo leads",
                 {{"id"}, {"email"}, {"createdat"}},
                 // Pardot v5 prospects (camelCase too)
                 {"grade", "prospectaccountid", "lifecyclestageid", "assignedtoid",
                  "salesforceleadid", "salesforcecontactid", "crm_lead_fid", "crm_contact_fid"},
                 {{F::kId, {"id"}},
                  {F::kEmail, {"email"}},
                  {F::kCreatedAt, {"createdat"}},
                  {F::kSource, {"leadsource"}},
                  {F::kScore, {"leadscore"}},
                  {F::kStatus, {"leadstatus"}},
                  {F::kLifecycle, {"leadrevenuestagename", "revenuestage"}},
                  {F::kFirstName, {"firstname"}},
                  {F::kLastName, {"lastname"}},
                  {F::kCrmLeadId, {"sfdcleadid"}},
                  {F::kCrmContactId, {"sfdccontactid"}}}});
  out.push_back(MarketoActivityLog());
  out.push_back({"marketo",
                 Kind::kNames,
                 "Marketo activity types",
                 {{"activitytypeid"}, {"name"}},
                 {"leadid", "marketoguid"},
                 {{F::kId, {"activitytypeid"}}, {F::kName, {"name"}}},
                 Shape::kMarketoTypeTable});
  out.push_back({"marketo",
                 Kind::kNames,
                 "Marketo activity types (REST)",
                 {{"id"}, {"name"}, {"primaryattribute"}},
                 {"leadid", "marketoguid"},
                 {{F::kId, {"id"}}, {F::kName, {"name"}}},
                 Shape::kMarketoTypeTable});
  AddHubSpotActivities(out);
  AddPardot(out);
  AddZoho(out);
  AddPipedrive(out);
  // Ad platforms and cost sheets (spend). Headers: export-formats.md §5 and §3.
  out.push_back({"google-ads",
                 Kind::kSpend,
                 "Google Ads campaign report",
                 {{"day", "week", "month"},
                  {"campaign"},
                  {"cost", "cost (converted currency)"},
                  // a metric or attribute column only the platform writes
                  {"currency code", "impr.", "impressions", "clicks", "campaign id",
                   "campaign status", "campaign type", "account name", "customer id"}},
                 {},
                 {{F::kDay, {"day", "week", "month"}},
                  {F::kCampaign, {"campaign"}},
                  {F::kCampaignId, {"campaign id"}},
                  {F::kCurrency, {"currency code", "currency"}},
                  {F::kAmount, {"cost", "cost (converted currency)"}}}});
  out.push_back({"google-ads",
                 Kind::kSpend,
                 "Google Ads API report",
                 {{"segments.date", "segments.month"},
                  {"campaign.name", "campaign.id"},
                  {"metrics.cost_micros"}},
                 {},
                 {{F::kDay, {"segments.date", "segments.month"}},
                  {F::kCampaign, {"campaign.name"}},
                  {F::kCampaignId, {"campaign.id"}},
                  {F::kCurrency, {"customer.currency_code"}},
                  {F::kCostMicros, {"metrics.cost_micros"}}}});
  out.push_back(
      {"linkedin",
       Kind::kSpend,
       "LinkedIn Campaign Manager report",
       {{"start date (in utc)", "start date"}, {"campaign name"}, {"total spent", "amount spent"}},
       {},
       {{F::kStartDate, {"start date (in utc)", "start date"}},
        {F::kEndDate, {"end date (in utc)", "end date"}},
        {F::kCampaign, {"campaign name"}},
        {F::kCampaignId, {"campaign id"}},
        {F::kCurrency, {"currency"}},
        {F::kAmount, {"total spent", "amount spent"}}}});
  out.push_back(
      {"meta",
       Kind::kSpend,
       "Meta Ads Manager report",
       {{"reporting starts", "début des rapports", "berichtsbeginn", "inicio del informe"},
        {"campaign name", "nom de la campagne", "kampagnenname", "nombre de la campaña"},
        {"amount spent", "montant dépensé", "ausgegebener betrag", "importe gastado"}},
       {},
       {{F::kDay, {"day", "jour", "tag", "día"}},
        {F::kStartDate,
         {"reporting starts", "début des rapports", "berichtsbeginn", "inicio del informe"}},
        {F::kEndDate, {"reporting ends", "fin des rapports", "berichtsende", "fin del informe"}},
        {F::kCampaign,
         {"campaign name", "nom de la campagne", "kampagnenname", "nombre de la campaña"}},
        {F::kCampaignId, {"campaign id"}},
        {F::kCurrency, {"currency"}},
        {F::kAmount,
         {"amount spent", "montant dépensé", "ausgegebener betrag", "importe gastado"}}}});
  out.push_back({"marketo",
                 Kind::kSpend,
                 "Marketo program period costs",
                 {{"program", "program name"}, {"program month", "month"}, {"period cost", "cost"}},
                 {},
                 {{F::kDay, {"program month", "month"}},
                  {F::kCampaign, {"program", "program name"}},
                  {F::kCampaignId, {"program id"}},
                  {F::kAmount, {"period cost", "cost"}},
                  {F::kCurrency, {"currency"}}}});
  out.push_back({"sheet",
                 Kind::kSpend,
                 "spend sheet",
                 {{"date", "day", "start", "start_date", "month"},
                  {"campaign", "campaign name", "campaign_id", "campaign id"},
                  {"amount", "spend", "cost"}},
                 {"email", "stage", "deal stage", "close date", "opportunity id", "whoid"},
                 SpendSheetAliases()});
  return out;
}

}  // namespace

const std::vector<std::pair<Field, std::vector<std::string_view>>>& SpendSheetAliases() {
  static const Aliases kSheet = {{F::kDay, {"date", "day", "month"}},
                                 {F::kStartDate, {"start", "start_date", "start date"}},
                                 {F::kEndDate, {"end", "end_date", "end date"}},
                                 {F::kCampaign, {"campaign", "campaign name", "campaign_name"}},
                                 {F::kCampaignId, {"campaign_id", "campaign id"}},
                                 {F::kChannel, {"channel", "source"}},
                                 {F::kAmount, {"amount", "spend", "cost"}},
                                 {F::kCurrency, {"currency"}}};
  return kSheet;
}

std::string SplitHeaderCurrency(std::string& header) {
  static constexpr std::string_view kMoney[] = {
      "amount spent",    "montant dépensé", "ausgegebener betrag",
      "importe gastado", "total spent",     "cost",
      "spend",           "amount"};
  if (header.size() < 6 || header.back() != ')') return {};
  const std::size_t open = header.size() - 6;
  if (header.compare(open, 2, " (") != 0) return {};
  std::string code = header.substr(open + 2, 3);
  if (!std::all_of(code.begin(), code.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return {};
  }
  std::string_view name = std::string_view(header).substr(0, open);
  if (std::find(std::begin(kMoney), std::end(kMoney), name) == std::end(kMoney)) return {};
  header.resize(open);
  for (char& c : code) c = static_cast<char>(c - 'a' + 'A');
  return code;
}

const std::vector<Fingerprint>& Fingerprints() {
  static const std::vector<Fingerprint> kAll = BuildFingerprints();
  return kAll;
}

const Aliases& GenericAliases() {
  static const Aliases kGeneric = {
      {F::kId, {"id", "record id"}},
      {F::kEmail, {"email", "email address", "e-mail"}},
      {F::kCreatedAt, {"created_at", "created", "created date", "create date", "createddate"}},
      {F::kSource, {"source", "lead source", "channel"}},
      {F::kCampaign, {"campaign", "campaign name"}},
      {F::kOwner, {"owner", "owner name"}},
      {F::kAssignedAt, {"assigned_at", "assigned date"}},
      {F::kScore, {"score", "lead score"}},
      {F::kGrade, {"grade", "lead grade", "tier", "rating"}},
      {F::kStatus, {"status", "lead status"}},
      {F::kLifecycle, {"lifecycle", "lifecycle stage"}},
      {F::kStage, {"stage", "deal stage", "opportunity stage"}},
      {F::kContactIds, {"contact_ids", "contact ids", "associated contact ids"}},
      {F::kCampaignId, {"campaign_id", "campaign id"}},
      {F::kChangedField, {"field", "changed field"}},
      {F::kNewValue, {"new_value", "new value"}},
      {F::kOpportunityId, {"opportunity_id", "opportunity id", "deal id"}},
      {F::kPersonId, {"person_id", "person id", "contact id", "lead id"}},
      {F::kAmount, {"amount", "value"}},
      {F::kCurrency, {"currency"}},
      {F::kCloseDate, {"close_date", "close date", "closed date"}},
      {F::kIsWon, {"is_won", "won"}},
      {F::kIsClosed, {"is_closed", "closed"}},
      {F::kType, {"type", "activity type"}},
      {F::kName, {"name"}}};
  return kGeneric;
}

Detection DetectLayout(const std::vector<std::string>& header, std::string_view system,
                       std::optional<Kind> kind) {
  std::unordered_set<std::string_view> names(header.begin(), header.end());
  Detection out;
  std::size_t best = 0;
  for (const auto& fp : Fingerprints()) {
    if (!system.empty() && fp.system != system) continue;
    if (kind && fp.kind != *kind) continue;
    bool ok = std::all_of(fp.required.begin(), fp.required.end(), [&](const auto& group) {
      return std::any_of(group.begin(), group.end(), [&](auto n) { return names.count(n) > 0; });
    });
    ok = ok && std::none_of(fp.forbidden.begin(), fp.forbidden.end(),
                            [&](auto n) { return names.count(n) > 0; });
    if (!ok) continue;
    if (fp.required.size() > best) {
      best = fp.required.size();
      out.match = &fp;
      out.tied.clear();
    } else if (fp.required.size() == best && out.match &&
               (fp.system != out.match->system || fp.kind != out.match->kind)) {
      out.tied.push_back(&fp);
    }
  }
  return out;
}

std::string CanonicalFieldNames() { return FieldNames(); }

std::vector<std::pair<std::string, std::string>> SuggestColumns(
    const std::vector<std::string>& header) {
  std::vector<std::pair<std::string, std::string>> out;
  std::vector<bool> taken(static_cast<std::size_t>(Field::kCount), false);
  for (const auto& h : header) {
    std::string norm = NormaliseHeader(h);
    for (const auto& [field, names] : GenericAliases()) {
      auto f = static_cast<std::size_t>(field);
      if (taken[f] || std::find(names.begin(), names.end(), norm) == names.end()) continue;
      out.emplace_back(std::string(FieldName(field)), h);
      taken[f] = true;
      break;
    }
  }
  return out;
}

}  // namespace baton
