import ColdCases
import ColdCasesCLI
import ColdCasesHTTP
import DossierCLI
import Extradition
import ExtraditionCLI
import ExtraditionHTTP
import InvestigatorNetwork
import InvestigatorNetworkCLI
import InvestigatorNetworkHTTP
import SurveillanceLogs
import SurveillanceLogsCLI
import SurveillanceLogsHTTP

// The dossier executable: the command tree with the built-in modules registered. Each
// module comes in layers; linking its HTTP and CLI layers adds its routes and commands.
await DossierCommand.main(modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()])
