import ColdCases
import ColdCasesCLI
import ColdCasesConsole
import ColdCasesHTTP
import DossierCLI
import DossierServer
import Extradition
import ExtraditionCLI
import ExtraditionConsole
import ExtraditionHTTP
import InvestigatorNetwork
import InvestigatorNetworkCLI
import InvestigatorNetworkConsole
import InvestigatorNetworkHTTP
import SurveillanceLogs
import SurveillanceLogsCLI
import SurveillanceLogsConsole
import SurveillanceLogsHTTP

// The dossier executable: the command tree with the built-in modules registered. Each
// module comes in layers; linking its HTTP, CLI and console layers adds its routes, commands
// and console pages.
// The process's metrics go to Prometheus, served at /metrics.
await DossierCommand.main(
    modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()], metrics: PrometheusMetrics.bootstrap())
