// The built-in baton.toml: the translation dictionary for standard Salesforce and
// HubSpot values, so that their exports need no config at all. A user config is
// laid over it key by key. Sources for every value: ../shared/reference/export-formats.md
// (Salesforce default picklists §1.3, HubSpot lifecycle stages and lead status §2).
#include "baton/config.h"

namespace baton {

std::string_view BuiltinConfigText() {
  return R"toml(# baton built-in defaults
tz = "UTC"
skipped = "infer"
stages = ["lead", "mql", "sal", "sql", "opportunity", "customer"]

# Salesforce Lead Status (default picklist and a common variant), current value.
[map.salesforce.status]
"Open - Not Contacted" = "lead"
"Working - Contacted" = "sal"
"Closed - Converted" = "sql"
"Closed - Not Converted" = ""
"Open" = "lead"
"New" = "lead"
"Contacted" = "sal"
"Working" = "sal"
"Marketing Qualified" = "mql"
"MQL" = "mql"
"Sales Accepted" = "sal"
"SAL" = "sal"
"Qualified" = "sql"
"SQL" = "sql"
"Unqualified" = ""
"Nurturing" = ""

# Salesforce Opportunity StageName (default sales process).
[map.salesforce.stage]
"Prospecting" = "opportunity"
"Qualification" = "opportunity"
"Needs Analysis" = "opportunity"
"Value Proposition" = "opportunity"
"Id. Decision Makers" = "opportunity"
"Perception Analysis" = "opportunity"
"Proposal/Price Quote" = "opportunity"
"Negotiation/Review" = "opportunity"
"Closed Won" = "customer"
"Closed Lost" = ""

# Salesforce Lead ConvertedDate: the day sales qualified and converted the lead.
[stage_dates.salesforce]
"ConvertedDate" = "sql"
"Converted Date" = "sql"

# HubSpot Lifecycle Stage: labels and internal names.
[map.hubspot.lifecycle]
"Subscriber" = ""
"Lead" = "lead"
"Marketing Qualified Lead" = "mql"
"Sales Qualified Lead" = "sql"
"Opportunity" = "opportunity"
"Customer" = "customer"
"Evangelist" = "customer"
"Other" = ""
"subscriber" = ""
"marketingqualifiedlead" = "mql"
"salesqualifiedlead" = "sql"

# HubSpot Lead Status: sales working the lead means sales accepted it.
[map.hubspot.status]
"New" = ""
"Open" = ""
"In Progress" = "sal"
"IN_PROGRESS" = "sal"
"Attempted to Contact" = "sal"
"ATTEMPTED_TO_CONTACT" = "sal"
"Connected" = "sal"
"Open Deal" = "sql"
"OPEN_DEAL" = "sql"
"Unqualified" = ""
"Bad Timing" = ""
"BAD_TIMING" = ""

# HubSpot deal stages (default "Sales Pipeline"): labels and internal names.
[map.hubspot.stage]
"Appointment Scheduled" = "opportunity"
"Qualified To Buy" = "opportunity"
"Presentation Scheduled" = "opportunity"
"Decision Maker Bought-In" = "opportunity"
"Contract Sent" = "opportunity"
"Closed Won" = "customer"
"Closed Lost" = ""
"appointmentscheduled" = "opportunity"
"qualifiedtobuy" = "opportunity"
"presentationscheduled" = "opportunity"
"decisionmakerboughtin" = "opportunity"
"contractsent" = "opportunity"
"closedwon" = "customer"
"closedlost" = ""

# HubSpot "Became a … Date" columns and their internal names.
[stage_dates.hubspot]
"Became a Lead Date" = "lead"
"Became a Marketing Qualified Lead Date" = "mql"
"Became a Sales Qualified Lead Date" = "sql"
"Became an Opportunity Date" = "opportunity"
"Became a Customer Date" = "customer"
"hs_lifecyclestage_lead_date" = "lead"
"hs_lifecyclestage_marketingqualifiedlead_date" = "mql"
"hs_lifecyclestage_salesqualifiedlead_date" = "sql"
"hs_lifecyclestage_opportunity_date" = "opportunity"
"hs_lifecyclestage_customer_date" = "customer"
'Date entered "Lead (Lifecycle Stage Pipeline)"' = "lead"
'Date entered "Marketing Qualified Lead (Lifecycle Stage Pipeline)"' = "mql"
'Date entered "Sales Qualified Lead (Lifecycle Stage Pipeline)"' = "sql"
'Date entered "Opportunity (Lifecycle Stage Pipeline)"' = "opportunity"
'Date entered "Customer (Lifecycle Stage Pipeline)"' = "customer"

# Marketo revenue stages (a common Revenue Cycle Model template).
[map.marketo.lifecycle]
"Known" = "lead"
"Engaged" = "lead"
"MQL" = "mql"
"SAL" = "sal"
"SQL" = "sql"
"Opportunity" = "opportunity"
"Customer" = "customer"
"Disqualified" = ""
"Recycled" = ""

# Pardot lifecycle stages (default names; a stage table names each account's ids).
[map.pardot.lifecycle]
"Visitor" = ""
"Prospect" = "lead"
"Prospects" = "lead"
"Marketing Qualified Lead" = "mql"
"Marketing qualified lead (MQL)" = "mql"
"MQL" = "mql"
"MQLs" = "mql"
"Sales Qualified Lead" = "sql"
"Sales qualified lead (SQL)" = "sql"
"SQL" = "sql"
"SQLs" = "sql"
"Opportunity" = "opportunity"
"Won Opportunity" = "customer"
"Won opportunities" = "customer"
"Customer" = "customer"

# Zoho CRM Lead Status (stock values).
[map.zoho.status]
"Not Contacted" = "lead"
"Attempted to Contact" = "lead"
"Contact in Future" = "sal"
"Contacted" = "sal"
"Pre-Qualified" = "sql"
"Pre Qualified" = "sql"
"Not Qualified" = ""
"Lost Lead" = ""
"Junk Lead" = ""

# Zoho CRM deal stages (default sales process).
[map.zoho.stage]
"Qualification" = "opportunity"
"Needs Analysis" = "opportunity"
"Value Proposition" = "opportunity"
"Identify Decision Makers" = "opportunity"
"Id. Decision Makers" = "opportunity"
"Perception Analysis" = "opportunity"
"Proposal/Price Quote" = "opportunity"
"Negotiation/Review" = "opportunity"
"Closed Won" = "customer"
"Closed Lost" = ""
"Closed-Lost to Competition" = ""

# Pipedrive: every stage of a pipeline is a deal in progress; won and lost come
# from the deal's status column. Default pipeline stages, English and older.
[map.pipedrive.stage]
"Qualified" = "opportunity"
"Lead In" = "opportunity"
"Contact Made" = "opportunity"
"Demo Scheduled" = "opportunity"
"Needs Defined" = "opportunity"
"Proposal Made" = "opportunity"
"Negotiations Started" = "opportunity"
)toml";
}

}  // namespace baton
