import ColdCases
import DossierCLI
import Extradition
import InvestigatorNetwork
import SurveillanceLogs

// The dossier executable: the command tree with the built-in modules registered.
await DossierCommand.main(modules: [ColdCases(), Extradition(), SurveillanceLogs(), InvestigatorNetwork()])
