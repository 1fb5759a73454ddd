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
import TraffickingCases
import TraffickingCasesCLI
import TraffickingCasesConsole
import TraffickingCasesHTTP

// The outside team's executable: Dossier's command tree with the four built-in modules and
// its own, each with its HTTP, CLI and console layers linked. `dossier-thb serve` serves all five.
// Its metrics go to Prometheus, served at /metrics.
await DossierCommand.main(
    modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork(), TraffickingCases()],
    metrics: PrometheusMetrics.bootstrap())
