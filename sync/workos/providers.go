package workos

// Provider is a directory provider WorkOS supports, for the setup wizard.
type Provider struct {
	// Type is WorkOS's directory type string (Directory.Type), e.g. "okta scim v2.0".
	Type string
	// Name is the display name.
	Name string
	// SetupMinutes is a rough time an IT admin needs to connect it.
	SetupMinutes int
}

// Providers lists the directory providers WorkOS supports (WORKOS.md §2.2), most popular
// first. The order and setup times are our own rough estimates, not WorkOS data.
func (c *Client) Providers() []Provider {
	return []Provider{
		{Type: "okta scim v2.0", Name: "Okta", SetupMinutes: 15},
		{Type: "azure scim v2.0", Name: "Microsoft Entra ID (Azure AD)", SetupMinutes: 20},
		{Type: "gsuite directory", Name: "Google Workspace", SetupMinutes: 5},
		{Type: "workday", Name: "Workday", SetupMinutes: 45},
		{Type: "bamboohr", Name: "BambooHR", SetupMinutes: 10},
		{Type: "rippling scim v2.0", Name: "Rippling", SetupMinutes: 15},
		{Type: "gusto", Name: "Gusto", SetupMinutes: 10},
		{Type: "hibob", Name: "HiBob", SetupMinutes: 15},
		{Type: "personio", Name: "Personio", SetupMinutes: 15},
		{Type: "jump cloud scim v2.0", Name: "JumpCloud", SetupMinutes: 15},
		{Type: "onelogin scim v2.0", Name: "OneLogin", SetupMinutes: 15},
		{Type: "pingfederate scim v2.0", Name: "PingFederate", SetupMinutes: 30},
		{Type: "cyberark scim v2.0", Name: "CyberArk", SetupMinutes: 20},
		{Type: "sailpoint scim v2.0", Name: "SailPoint", SetupMinutes: 30},
		{Type: "generic scim v2.0", Name: "Generic SCIM 2.0", SetupMinutes: 30},
		{Type: "breathe hr", Name: "Breathe HR", SetupMinutes: 10},
		{Type: "cezanne hr", Name: "Cezanne HR", SetupMinutes: 15},
		{Type: "fourth hr", Name: "Fourth HR", SetupMinutes: 20},
		{Type: "people hr", Name: "People HR", SetupMinutes: 10},
		{Type: "sftp workday", Name: "Workday (SFTP)", SetupMinutes: 60},
		{Type: "sftp", Name: "SFTP (CSV upload)", SetupMinutes: 60},
		{Type: "s3", Name: "Amazon S3 (CSV upload)", SetupMinutes: 60},
	}
}
