// The Slack tests' champions: Dana (fintech, EMEA, spotlight; panel or call), Omar (banking,
// EMEA, duty) and, where a champion without Slack is needed, Mei (retail, APAC, mastery).

export const DANA_AND_OMAR = `name,email,slack_user_id,company,title,industry,region,timezone,products,motivations,activities
Dana Whitfield,dana@northwind.example,U0DANA,Northwind Pay,Chief Financial Officer,Fintech,EMEA,Europe/London,Payments API,spotlight,panel;reference_call
Omar Haddad,omar@cedar.example,U0OMAR,Cedar Bank,VP Finance,Banking,EMEA,Europe/Berlin,Payments API,duty,
`;

export const DANA_OMAR_AND_MEI = `${DANA_AND_OMAR}Mei Chen,mei@orbit.example,,Orbit Retail,CTO,Retail,APAC,Asia/Singapore,Analytics,mastery,
`;
