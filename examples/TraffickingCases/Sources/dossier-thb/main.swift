import ColdCases
import DossierCLI
import Extradition
import InvestigatorNetwork
import SurveillanceLogs
import TraffickingCases

// The outside team's executable: Dossier's command tree with the four built-in modules and
// its own. `dossier-thb serve` serves all five.
await DossierCommand.main(modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork(), TraffickingCases()])
